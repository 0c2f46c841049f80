import { type CertificateStatus } from '@platform/contracts';
import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Course } from '../courses/course.entity';
import { Enrollment } from '../enrollments/enrollment.entity';

/**
 * Proof that a user completed a course: one per user and course (completing again after a
 * refund and a new purchase revives it with the same code). The code is the public handle.
 */
@Entity('certificates')
@Unique('uq_certificates_user_id_course_id', ['userId', 'courseId'])
@Unique('uq_certificates_code', ['code'])
@Index('idx_certificates_enrollment_id', ['enrollmentId'])
@Check(`"status" IN ('valid', 'revoked')`)
export class Certificate extends UuidTimestampedBase {
  @Column('uuid')
  userId!: string;

  @Column('uuid')
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  /** The enrollment that earned it (the latest one, after a revival). */
  @Column('uuid')
  enrollmentId!: string;

  @ManyToOne(() => Enrollment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: Enrollment;

  @Column('varchar', { length: 32 })
  code!: string;

  /** The course title when it was issued: what was certified does not change with later edits. */
  @Column('varchar', { length: 200 })
  courseTitle!: string;

  @Column('varchar', { length: 20, default: 'valid' })
  status!: CertificateStatus;

  @Column('timestamptz')
  issuedAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
