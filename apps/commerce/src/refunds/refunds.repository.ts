import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource, In } from 'typeorm';
import { claimDuePending, rowToEntity, updateWhere } from '../shared/sql';
import { Refund } from './refund.entity';

@Injectable()
export class RefundsRepository extends BaseRepository<Refund> {
  constructor(dataSource: DataSource) {
    super(dataSource, Refund, {
      filterable: ['orderId', 'status', 'idempotencyKey'],
      sortable: ['createdAt'],
    });
  }

  async findByOrderIds(orderIds: readonly string[]): Promise<Map<string, Refund[]>> {
    const byOrder = new Map<string, Refund[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const refunds = await this.guard(() =>
      this.repository.find({ where: { orderId: In([...orderIds]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
    );
    for (const refund of refunds) byOrder.get(refund.orderId)?.push(refund);
    return byOrder;
  }

  findByIdempotencyKey(orderId: string, key: string): Promise<Refund | null> {
    return this.findOne({ orderId: { eq: orderId }, idempotencyKey: { eq: key } });
  }

  /** pending → succeeded/failed, once: null when the refund was already settled by someone else. */
  async settle(
    refundId: string,
    outcome:
      | { status: 'succeeded'; providerRefundId: string; creditNoteId: string }
      | { status: 'failed'; failureReason: string },
  ): Promise<Refund | null> {
    return updateWhere<Refund>(
      this.manager,
      this.metadata,
      `status = $2, provider_refund_id = $3, credit_note_id = $4, failure_reason = $5, completed_at = now()`,
      `status = 'pending'`,
      [
        refundId,
        outcome.status,
        outcome.status === 'succeeded' ? outcome.providerRefundId : null,
        outcome.status === 'succeeded' ? outcome.creditNoteId : null,
        outcome.status === 'failed' ? outcome.failureReason : null,
      ],
    );
  }

  /** Pending refunds whose retry time came, pushed back by `retrySeconds` so one replica takes each. */
  async claimDue(limit: number, retrySeconds: number): Promise<Refund[]> {
    const rows = await claimDuePending(this.manager, 'refunds', limit, retrySeconds);
    return rows.map((row) => rowToEntity<Refund>(this.metadata, row));
  }
}
