import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { claimDuePending, rowToEntity, updateWhere } from '../shared/sql';
import { Payment } from './payment.entity';

/** Payments. Settling is a conditional UPDATE from `pending`: whoever settles first (the paying request, the webhook, the reconciler) wins, once. */
@Injectable()
export class PaymentsRepository extends BaseRepository<Payment> {
  constructor(dataSource: DataSource) {
    super(dataSource, Payment, {
      filterable: ['orderId', 'status', 'idempotencyKey'],
      sortable: ['createdAt'],
      defaultSort: { createdAt: 'DESC' },
    });
  }

  /** The newest payment of an order made with this Idempotency-Key, to resume it. */
  findLatestByKey(orderId: string, key: string): Promise<Payment | null> {
    return this.findOne({ orderId: { eq: orderId }, idempotencyKey: { eq: key } });
  }

  settleCaptured(paymentId: string, authorizationId: string, captureId: string): Promise<Payment | null> {
    return this.updateReturning(
      `status = 'captured', provider_authorization_id = $2, provider_capture_id = $3, captured_at = now()`,
      `status = 'pending'`,
      [paymentId, authorizationId, captureId],
    );
  }

  settleUncaptured(
    paymentId: string,
    status: 'declined' | 'failed',
    declineCode: string,
  ): Promise<Payment | null> {
    return this.updateReturning(`status = $2, decline_code = $3`, `status = 'pending'`, [
      paymentId,
      status,
      declineCode,
    ]);
  }

  async confirm(paymentId: string): Promise<void> {
    await this.updateReturning(`confirmed_at = coalesce(confirmed_at, now())`, `TRUE`, [paymentId]);
  }

  /** Reserves `amountCents` of the capture for a refund, only if that much is not refunded yet. */
  reserveRefund(paymentId: string, amountCents: number): Promise<Payment | null> {
    return this.updateReturning(
      `refunded_cents = refunded_cents + $2`,
      `status = 'captured' AND refunded_cents + $2 <= amount_cents`,
      [paymentId, amountCents],
    );
  }

  async releaseRefund(paymentId: string, amountCents: number): Promise<void> {
    await this.updateReturning(`refunded_cents = refunded_cents - $2`, `refunded_cents >= $2`, [
      paymentId,
      amountCents,
    ]);
  }

  /** Pending payments past their check time, pushed back by `retrySeconds` so one replica takes each. */
  async claimStale(limit: number, retrySeconds: number): Promise<Payment[]> {
    const rows = await claimDuePending(this.manager, 'payments', limit, retrySeconds);
    return rows.map((row) => rowToEntity<Payment>(this.metadata, row));
  }

  private updateReturning(set: string, condition: string, params: unknown[]): Promise<Payment | null> {
    return updateWhere<Payment>(this.manager, this.metadata, set, condition, params);
  }
}
