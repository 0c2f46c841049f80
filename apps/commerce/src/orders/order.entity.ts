import { ORDER_STATUSES, type OrderStatus } from '@platform/contracts';
import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index } from 'typeorm';
import { sqlList } from '../shared/sql-list';

export const CANCELED_BY = ['customer', 'admin', 'system'] as const;
export type CanceledBy = (typeof CANCELED_BY)[number];

/**
 * An order and its state (see order-status.ts for the machine). State changes are
 * conditional UPDATEs on `status`, so two racing transitions cannot both win.
 * `pendingPaymentId` is set while a payment talks to the processor: cancel and expiry
 * wait for it, and a second payment is refused, so the order is never charged twice.
 */
@Entity('orders')
@Index('idx_orders_user_id_created_at', ['userId', 'createdAt'])
@Index('idx_orders_expires_at_pending', ['expiresAt'], { where: `"status" = 'pending_payment'` })
@Index('uq_orders_user_id_idempotency_key', ['userId', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
@Check(`"status" IN (${sqlList(ORDER_STATUSES)})`)
@Check(`"canceled_by" IN (${sqlList(CANCELED_BY)})`)
@Check(`"total_cents" >= 0`)
@Check(`"refunded_cents" >= 0 AND "refunded_cents" <= "total_cents"`)
@Check(`"currency" ~ '^[A-Z]{3}$'`)
export class Order extends UuidTimestampedBase {
  @Column('uuid')
  userId!: string;

  @Column('varchar', { length: 24 })
  status!: OrderStatus;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('integer')
  totalCents!: number;

  /** Refunds that succeeded (money back with the buyer). */
  @Column('integer', { default: 0 })
  refundedCents!: number;

  @Column('timestamptz')
  expiresAt!: Date;

  /** The key the order was placed with: a retry after a crash finds this order instead of placing another. */
  @Column('varchar', { length: 255, nullable: true })
  idempotencyKey!: string | null;

  @Column('uuid', { nullable: true })
  pendingPaymentId!: string | null;

  @Column('uuid', { nullable: true })
  paymentId!: string | null;

  @Column('uuid', { nullable: true })
  invoiceId!: string | null;

  @Column('timestamptz', { nullable: true })
  paidAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  canceledAt!: Date | null;

  @Column('varchar', { length: 16, nullable: true })
  canceledBy!: CanceledBy | null;

  @Column('varchar', { length: 64, nullable: true })
  cancelReason!: string | null;

  @Column('timestamptz', { nullable: true })
  expiredAt!: Date | null;
}
