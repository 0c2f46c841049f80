import { REFUND_STATUSES, type RefundStatus } from '@platform/contracts';
import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { WithOrderRef } from '../orders/order-ref.mixin';
import { Payment } from '../payments/payment.entity';
import { sqlList } from '../shared/sql-list';

/**
 * Money going back. Created `pending` with its amount reserved on the payment (so
 * concurrent refunds cannot pass the captured amount), then sent to the processor with
 * our id as its idempotency key, then `succeeded` with a credit note — or `failed`, and
 * the reservation is given back.
 */
@Entity('refunds')
@Index('idx_refunds_order_id', ['orderId'])
@Index('idx_refunds_next_check_at_pending', ['nextCheckAt'], { where: `"status" = 'pending'` })
@Check(`"status" IN (${sqlList(REFUND_STATUSES)})`)
@Check(`"amount_cents" > 0`)
export class Refund extends WithOrderRef(UuidTimestampedBase) {
  @Column('uuid')
  paymentId!: string;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Payment;

  @Column('varchar', { length: 16 })
  status!: RefundStatus;

  @Column('integer')
  amountCents!: number;

  @Column('varchar', { length: 500 })
  reason!: string;

  /** Set when the platform refunded on its own (COURSE_FULL, …); null for an admin's refund. */
  @Column('varchar', { length: 64, nullable: true })
  automaticReason!: string | null;

  /** Items whose access this refund ends. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  orderItemIds!: string[];

  /** Admin who asked; null for an automatic refund. */
  @Column('uuid', { nullable: true })
  requestedBy!: string | null;

  @Column('varchar', { length: 255, nullable: true })
  idempotencyKey!: string | null;

  @Column('varchar', { length: 100, nullable: true })
  providerRefundId!: string | null;

  @Column('uuid', { nullable: true })
  creditNoteId!: string | null;

  @Column('varchar', { length: 200, nullable: true })
  failureReason!: string | null;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;

  /** When the retry job may send a refund still pending to the processor again. */
  @Column('timestamptz')
  nextCheckAt!: Date;
}
