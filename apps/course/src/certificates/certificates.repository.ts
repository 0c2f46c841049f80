import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { newId } from '@platform/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { Certificate } from './certificate.entity';

export interface IssueCertificate {
  userId: string;
  courseId: string;
  enrollmentId: string;
  courseTitle: string;
  code: string;
}

@Injectable()
export class CertificatesRepository extends BaseRepository<Certificate> {
  constructor(dataSource: DataSource) {
    super(dataSource, Certificate, {
      filterable: ['userId', 'code', 'enrollmentId'],
      sortable: ['issuedAt'],
      defaultSort: { issuedAt: 'DESC' },
    });
  }

  /**
   * Issues the user's certificate for the course, or revives the one they had (revoked by a
   * refund) with its code unchanged: one certificate per user and course, ever.
   */
  async issueOrRevive(issue: IssueCertificate): Promise<Certificate> {
    const [row] = await queryRows<{ id: string }>(
      this.manager,
      `INSERT INTO certificates (id, user_id, course_id, enrollment_id, code, course_title, status, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'valid', now())
       ON CONFLICT ON CONSTRAINT uq_certificates_user_id_course_id DO UPDATE
         SET enrollment_id = EXCLUDED.enrollment_id, course_title = EXCLUDED.course_title, status = 'valid',
             issued_at = now(), revoked_at = NULL, updated_at = now()
       RETURNING id`,
      [newId(), issue.userId, issue.courseId, issue.enrollmentId, issue.code, issue.courseTitle],
    );
    return this.getById(row.id);
  }

  /** Revokes the certificate the enrollment earned, if any. */
  async revokeForEnrollment(enrollmentId: string): Promise<void> {
    await queryRows(
      this.manager,
      `UPDATE certificates SET status = 'revoked', revoked_at = now(), updated_at = now()
       WHERE enrollment_id = $1 AND status = 'valid'`,
      [enrollmentId],
    );
  }

  /** enrollment id → code of the valid certificate it earned. */
  async codesByEnrollment(enrollmentIds: readonly string[]): Promise<Map<string, string>> {
    if (enrollmentIds.length === 0) return new Map();
    const rows = await queryRows<{ enrollment_id: string; code: string }>(
      this.manager,
      `SELECT enrollment_id, code FROM certificates WHERE enrollment_id = ANY($1) AND status = 'valid'`,
      [[...new Set(enrollmentIds)]],
    );
    return new Map(rows.map((row) => [row.enrollment_id, row.code]));
  }
}
