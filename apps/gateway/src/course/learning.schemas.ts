import { ApiProperty } from '@nestjs/swagger';
import {
  CERTIFICATE_STATUSES,
  ENROLLMENT_SOURCES,
  ENROLLMENT_STATUSES,
  type CertificateStatus,
  type CertificateVerificationView,
  type CertificateView,
  type EnrollmentSource,
  type EnrollmentStatus,
  type EnrollmentView,
  type ReviewView,
} from '@platform/contracts';
import { pageSchemaOf } from '../docs/page-schema';

/* Response shapes of enrollments, certificates and reviews, for the OpenAPI document only (see catalog.schemas.ts). */

export class EnrollmentViewSchema implements EnrollmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ENROLLMENT_STATUSES }) status!: EnrollmentStatus;
  @ApiProperty({ enum: ENROLLMENT_SOURCES }) source!: EnrollmentSource;
  @ApiProperty({
    minimum: 0,
    maximum: 100,
    description: 'Whole percent of the published required lessons; a completed enrollment stays at 100',
  })
  progressPercent!: number;
  @ApiProperty({ type: [String], format: 'uuid' }) completedLessonIds!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Once the course is completed' })
  certificateCode!: string | null;
  @ApiProperty({ format: 'date-time' }) enrolledAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Dropped or refunded' })
  endedAt!: string | null;
}

export const EnrollmentPageSchema = pageSchemaOf(EnrollmentViewSchema, 'EnrollmentPageSchema');

export class CertificateViewSchema implements CertificateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '01HV6Q2M8C4N7P9R3S5T6V8W0X' }) code!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ description: 'The title when the certificate was issued' }) courseTitle!: string;
  @ApiProperty({ format: 'uuid' }) enrollmentId!: string;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status!: CertificateStatus;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
}

export const CertificatePageSchema = pageSchemaOf(CertificateViewSchema, 'CertificatePageSchema');

export class CertificateVerificationViewSchema implements CertificateVerificationView {
  @ApiProperty() code!: string;
  @ApiProperty({ type: String, nullable: true }) holderName!: string | null;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ enum: CERTIFICATE_STATUSES, description: '`revoked` after a refund' })
  status!: CertificateStatus;
}

export class ReviewViewSchema implements ReviewView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, nullable: true }) authorName!: string | null;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating!: number;
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const ReviewPageSchema = pageSchemaOf(ReviewViewSchema, 'ReviewPageSchema');
