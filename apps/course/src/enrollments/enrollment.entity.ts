import { type EnrollmentSource, type EnrollmentStatus } from '@platform/contracts';
import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Course } from '../courses/course.entity';

/** The statuses that hold a seat and count as "enrolled". */
export const SEATED_STATUSES = ['active', 'completed'] as const;

/**
 * A learner's place in a course. At most one seated (active or completed) enrollment per
 * user and course; a dropped or refunded one leaves room for a new one. A purchase is
 * recorded once per order item (`uq_enrollments_order_item_id`), which makes the
 * order-paid handler idempotent even without its inbox.
 */
@Entity('enrollments')
@Index('uq_enrollments_course_id_user_id', ['courseId', 'userId'], {
  unique: true,
  where: `"status" IN ('active', 'completed')`,
})
@Unique('uq_enrollments_order_item_id', ['orderItemId'])
@Index('idx_enrollments_user_id', ['userId'])
@Check(`"status" IN ('active', 'completed', 'dropped', 'refunded')`)
@Check(`"source" IN ('free', 'purchase')`)
@Check(`("source" = 'purchase') = ("order_item_id" IS NOT NULL AND "order_id" IS NOT NULL)`)
@Check(`"status" <> 'completed' OR "completed_at" IS NOT NULL`)
export class Enrollment extends UuidTimestampedBase {
  @Column('uuid')
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Column('uuid')
  userId!: string;

  @Column('varchar', { length: 20, default: 'active' })
  status!: EnrollmentStatus;

  @Column('varchar', { length: 20 })
  source!: EnrollmentSource;

  @Column('uuid', { nullable: true })
  orderId!: string | null;

  @Column('uuid', { nullable: true })
  orderItemId!: string | null;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;

  /** When it was dropped or refunded. */
  @Column('timestamptz', { nullable: true })
  endedAt!: Date | null;
}
