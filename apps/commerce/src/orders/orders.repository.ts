import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@platform/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { rowToEntity, updateWhere } from '../shared/sql';
import { type CanceledBy, Order } from './order.entity';

/**
 * Orders. Each state change is one conditional UPDATE returning the row, or nothing when
 * the order was not in a state that allows it (the caller then explains why).
 */
@Injectable()
export class OrdersRepository extends BaseRepository<Order> {
  constructor(dataSource: DataSource) {
    super(dataSource, Order, {
      filterable: ['userId', 'status', 'idempotencyKey'],
      sortable: ['createdAt'],
      defaultSort: { createdAt: 'DESC' },
    });
  }

  findByIdempotencyKey(userId: string, key: string): Promise<Order | null> {
    return this.findOne({ userId: { eq: userId }, idempotencyKey: { eq: key } });
  }

  /** The order, locked until the transaction ends: refunds of one order are planned one at a time. */
  async lockById(orderId: string): Promise<Order> {
    const order = await this.guard(() =>
      this.select()
        .andWhere(`${this.alias}.id = :orderId`, { orderId })
        .setLock('pessimistic_write')
        .getOne(),
    );
    if (!order) throw NotFoundError.forEntity('Order', orderId);
    return order;
  }

  /** Unpaid → canceled, unless a payment is talking to the processor right now. */
  cancel(orderId: string, by: CanceledBy, reason: string): Promise<Order | null> {
    return this.updateReturning(
      `status = 'canceled', canceled_at = now(), canceled_by = $2, cancel_reason = $3`,
      `status = 'pending_payment' AND pending_payment_id IS NULL`,
      [orderId, by, reason],
    );
  }

  /** Marks that payment `paymentId` is in progress; refused when paid, closed, expired or paying already. */
  startPayment(orderId: string, paymentId: string): Promise<Order | null> {
    return this.updateReturning(
      `pending_payment_id = $2`,
      `status = 'pending_payment' AND pending_payment_id IS NULL AND expires_at > now()`,
      [orderId, paymentId],
    );
  }

  /** The payment ended without capture: the order is payable again. */
  async endPayment(orderId: string, paymentId: string): Promise<void> {
    await this.updateReturning(`pending_payment_id = NULL`, `pending_payment_id = $2`, [orderId, paymentId]);
  }

  markPaid(orderId: string, paymentId: string, invoiceId: string): Promise<Order | null> {
    return this.updateReturning(
      `status = 'paid', paid_at = now(), payment_id = $2, invoice_id = $3, pending_payment_id = NULL`,
      `status = 'pending_payment' AND pending_payment_id = $2`,
      [orderId, paymentId, invoiceId],
    );
  }

  /** Counts a refund that succeeded; the order is refunded once all of it went back. */
  addRefunded(orderId: string, amountCents: number): Promise<Order | null> {
    return this.updateReturning(
      `refunded_cents = refunded_cents + $2,
       status = CASE WHEN refunded_cents + $2 >= total_cents THEN 'refunded' ELSE 'partially_refunded' END`,
      `status IN ('paid', 'partially_refunded')`,
      [orderId, amountCents],
    );
  }

  /**
   * Expires up to `limit` unpaid orders past their time, skipping rows another replica
   * holds (FOR UPDATE SKIP LOCKED) and orders whose payment is in progress.
   */
  async expireDue(limit: number): Promise<Order[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.manager,
      `UPDATE orders SET status = 'expired', expired_at = now(), updated_at = now()
       WHERE id IN (
         SELECT id FROM orders
         WHERE status = 'pending_payment' AND expires_at <= now() AND pending_payment_id IS NULL
         ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       AND status = 'pending_payment'
       RETURNING *`,
      [limit],
    );
    return rows.map((row) => rowToEntity<Order>(this.metadata, row));
  }

  private updateReturning(set: string, condition: string, params: unknown[]): Promise<Order | null> {
    return updateWhere<Order>(this.manager, this.metadata, set, condition, params);
  }
}
