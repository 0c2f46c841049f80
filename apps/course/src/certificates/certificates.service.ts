import { Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import { NotFoundError } from '@platform/common';
import {
  type CertificateVerificationView,
  type CertificateView,
  type ListMyCertificatesQuery,
  type Page,
} from '@platform/contracts';
import { Transactional } from '@platform/database';
import { CertificateIssued, EventPublisher } from '@platform/events';
import { type Enrollment } from '../enrollments/enrollment.entity';
import { UserProfilesService } from '../users/user-profiles.service';
import { type Certificate } from './certificate.entity';
import { newCertificateCode } from './certificate-code';
import { CertificatesRepository } from './certificates.repository';

function toCertificateView(certificate: Certificate): CertificateView {
  return {
    id: certificate.id,
    code: certificate.code,
    courseId: certificate.courseId,
    courseTitle: certificate.courseTitle,
    enrollmentId: certificate.enrollmentId,
    status: certificate.status,
    issuedAt: certificate.issuedAt.toISOString(),
  };
}

@Injectable()
export class CertificatesService {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly profiles: UserProfilesService,
    private readonly publisher: EventPublisher,
  ) {}

  /** Called when an enrollment completes, in its transaction. */
  @Transactional()
  async issue(enrollment: Enrollment, courseTitle: string): Promise<Certificate> {
    const certificate = await this.certificates.issueOrRevive({
      userId: enrollment.userId,
      courseId: enrollment.courseId,
      enrollmentId: enrollment.id,
      courseTitle,
      code: newCertificateCode(),
    });
    await this.publisher.publish(CertificateIssued, {
      aggregateId: enrollment.id,
      data: {
        enrollmentId: enrollment.id,
        courseId: enrollment.courseId,
        userId: enrollment.userId,
        certificateId: certificate.id,
        code: certificate.code,
        issuedAt: certificate.issuedAt.toISOString(),
      },
    });
    return certificate;
  }

  /** A refunded enrollment's certificate no longer verifies as valid. */
  @Transactional()
  async revokeFor(enrollmentId: string): Promise<void> {
    await this.certificates.revokeForEnrollment(enrollmentId);
  }

  async listMine(query: ListMyCertificatesQuery): Promise<Page<CertificateView>> {
    const actor = currentActor();
    const page = await this.certificates.list({
      filter: { userId: { eq: actor.userId } },
      limit: query.limit,
      offset: query.offset,
    });
    return { ...page, items: page.items.map(toCertificateView) };
  }

  /** Public: anyone holding the code learns whose it is, for what, since when, and if it still stands. */
  async verify(code: string): Promise<CertificateVerificationView> {
    const certificate = await this.certificates.findOne({ code: { eq: code } });
    if (!certificate) throw new NotFoundError('No certificate has this code');
    return {
      code: certificate.code,
      holderName: await this.profiles.nameOf(certificate.userId),
      courseTitle: certificate.courseTitle,
      issuedAt: certificate.issuedAt.toISOString(),
      status: certificate.status,
    };
  }
}
