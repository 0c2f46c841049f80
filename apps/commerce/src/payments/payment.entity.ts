import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index } from 'typeorm';
import { WithOrderRef } from '../orders/order-ref.mixin';
import { sqlList } from '../shared/sql-list';

export const PAYMENT_STATUSES = ['pending', 'captured', 'declined', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * One attempt to pay an order. `pending` while commerce talks to the processor; our id is
 * the processor's idempotency key, so a retry after a crash or a lost response finds the
 * same authorization instead of charging again. At most one captured payment per order,
 * and `refunded_cents` can never pass the captured amount (CHECK).
 */
@Entity('payments')
@Index('idx_payments_order_id', ['orderId'])
@Index('uq_payments_order_id_captured', ['orderId'], { unique: true, where: `"status" = 'captured'` })
@Index('idx_payments_next_check_at_pending', ['nextCheckAt'], { where: `"status" = 'pending'` })
@Check(`"status" IN (${sqlList(PAYMENT_STATUSES)})`)
@Check(`"amount_cents" >= 0`)
@Check(`"refunded_cents" >= 0 AND "refunded_cents" <= "amount_cents"`)
export class Payment extends WithOrderRef(UuidTimestampedBase) {
  @Column('uuid')
  userId!: string;

  @Column('varchar', { length: 16 })
  status!: PaymentStatus;

  @Column('integer')
  amountCents!: number;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('varchar', { length: 32 })
  provider!: string;

  /** The pay request's Idempotency-Key: a retry with it resumes this payment. */
  @Column('varchar', { length: 255 })
  idempotencyKey!: string;

  @Column('varchar', { length: 100, nullable: true })
  providerAuthorizationId!: string | null;

  @Column('varchar', { length: 100, nullable: true })
  providerCaptureId!: string | null;

  @Column('varchar', { length: 64, nullable: true })
  declineCode!: string | null;

  /** Refunds reserved or done against this capture; the CHECK keeps it within the amount. */
  @Column('integer', { default: 0 })
  refundedCents!: number;

  @Column('timestamptz', { nullable: true })
  capturedAt!: Date | null;

  /** When the processor's webhook confirmed the capture. */
  @Column('timestamptz', { nullable: true })
  confirmedAt!: Date | null;

  /** When the reconciler may look at a payment still pending (its process may have died). */
  @Column('timestamptz')
  nextCheckAt!: Date;
}
