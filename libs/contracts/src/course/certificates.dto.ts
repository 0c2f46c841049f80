import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { PageQuery } from '../common/page';
import { type CertificateStatus } from './course-vocabulary';

/** 128 random bits in Crockford base32: unguessable, unambiguous to read aloud or type. */
export const CERTIFICATE_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** `GET /users/me/certificates`. */
export class ListMyCertificatesQuery extends PageQuery {}

/** `GET /certificates/:code`: public verification. Codes are matched case-insensitively. */
export class VerifyCertificateRequest {
  @ApiProperty({ example: '01HV6Q2M8C4N7P9R3S5T6V8W0X' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(CERTIFICATE_CODE_PATTERN, { message: 'code is not a certificate code' })
  code!: string;
}

export interface CertificateView {
  id: string;
  code: string;
  courseId: string;
  /** The title when the certificate was issued. */
  courseTitle: string;
  enrollmentId: string;
  status: CertificateStatus;
  issuedAt: string;
}

/** What anyone holding the code may learn: who, what, when, and whether it still stands. */
export interface CertificateVerificationView {
  code: string;
  holderName: string | null;
  courseTitle: string;
  issuedAt: string;
  /** `revoked` after a refund of the course. */
  status: CertificateStatus;
}
