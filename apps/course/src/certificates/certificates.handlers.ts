import { Injectable } from '@nestjs/common';
import {
  type CertificateVerificationView,
  type CertificateView,
  CoursePatterns,
  ListMyCertificatesQuery,
  type Page,
  RequestHandler,
  VerifyCertificateRequest,
} from '@platform/contracts';
import { CertificatesService } from './certificates.service';

@Injectable()
export class CertificatesHandlers {
  constructor(private readonly certificates: CertificatesService) {}

  @RequestHandler(CoursePatterns.listMyCertificates)
  listMine(query: ListMyCertificatesQuery): Promise<Page<CertificateView>> {
    return this.certificates.listMine(query);
  }

  @RequestHandler(CoursePatterns.verifyCertificate)
  verify(request: VerifyCertificateRequest): Promise<CertificateVerificationView> {
    return this.certificates.verify(request.code);
  }
}
