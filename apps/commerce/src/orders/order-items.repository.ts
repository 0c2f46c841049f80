import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource, In } from 'typeorm';
import { OrderItem } from './order-item.entity';

@Injectable()
export class OrderItemsRepository extends BaseRepository<OrderItem> {
  constructor(dataSource: DataSource) {
    super(dataSource, OrderItem, { filterable: ['orderId'], sortable: ['id'] });
  }

  async findByOrderIds(orderIds: readonly string[]): Promise<Map<string, OrderItem[]>> {
    const byOrder = new Map<string, OrderItem[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const items = await this.guard(() =>
      this.repository.find({ where: { orderId: In([...orderIds]) }, order: { id: 'ASC' } }),
    );
    for (const item of items) byOrder.get(item.orderId)?.push(item);
    return byOrder;
  }

  async findByOrderId(orderId: string): Promise<OrderItem[]> {
    return (await this.findByOrderIds([orderId])).get(orderId) ?? [];
  }

  /**
   * Ties items to a refund, each at most once (a second refund of the same item finds it
   * taken). Returns the ids it could tie; the caller compares with what it asked for.
   */
  async claimForRefund(itemIds: readonly string[], refundId: string): Promise<string[]> {
    if (itemIds.length === 0) return [];
    const rows = await queryRows<{ id: string }>(
      this.manager,
      `UPDATE order_items SET refund_id = $2 WHERE id = ANY($1::uuid[]) AND refund_id IS NULL RETURNING id`,
      [itemIds, refundId],
    );
    return rows.map((row) => row.id);
  }

  async markRefunded(refundId: string): Promise<void> {
    await queryRows(this.manager, `UPDATE order_items SET refunded_at = now() WHERE refund_id = $1`, [
      refundId,
    ]);
  }

  async releaseFromRefund(refundId: string): Promise<void> {
    await queryRows(this.manager, `UPDATE order_items SET refund_id = NULL WHERE refund_id = $1`, [refundId]);
  }
}
