import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Course } from '../courses/course.entity';

/**
 * - held: the seat is taken for a pending order (counted in courses.seats_taken);
 * - consumed: the paid order item became an enrollment, which now owns the seat;
 * - released: the order was canceled or expired, or the sweeper gave the seat back;
 * - rejected: paid, but no seat could be had: course.enrollment.rejected was published;
 * - revoked: refunded before its payment was processed: a late order.paid must not enroll.
 */
export const SEAT_HOLD_STATUSES = ['held', 'consumed', 'released', 'rejected', 'revoked'] as const;
export type SeatHoldStatus = (typeof SEAT_HOLD_STATUSES)[number];

/**
 * The course seat of one order item, from the moment commerce asks for it until the order
 * is settled. One row per order item (`uq_seat_holds_order_item_id`) makes the hold request
 * and every order event handler idempotent. A paid item with no hold gets its row at
 * payment time, so its fate is recorded the same way.
 */
@Entity('seat_holds')
@Unique('uq_seat_holds_order_item_id', ['orderItemId'])
@Index('idx_seat_holds_release_after', ['releaseAfter'], { where: `"status" = 'held'` })
@Index('idx_seat_holds_course_id', ['courseId'])
@Check(`"status" IN ('held', 'consumed', 'released', 'rejected', 'revoked')`)
export class SeatHold extends UuidTimestampedBase {
  @Column('uuid')
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: Course;

  @Column('uuid')
  userId!: string;

  @Column('uuid')
  orderId!: string;

  @Column('uuid')
  orderItemId!: string;

  @Column('varchar', { length: 20 })
  status!: SeatHoldStatus;

  /** The order's expiry as commerce gave it. */
  @Column('timestamptz')
  expiresAt!: Date;

  /** expiresAt plus the grace period: after this the sweeper frees a seat still held. */
  @Column('timestamptz')
  releaseAfter!: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;
}
