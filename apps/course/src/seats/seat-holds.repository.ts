import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { SeatHold, type SeatHoldStatus } from './seat-hold.entity';

@Injectable()
export class SeatHoldsRepository extends BaseRepository<SeatHold> {
  constructor(dataSource: DataSource) {
    super(dataSource, SeatHold, {
      filterable: ['orderItemId', 'orderId', 'courseId', 'status'],
      sortable: ['createdAt'],
      defaultSort: { createdAt: 'ASC' },
    });
  }

  async findByOrderItem(orderItemId: string): Promise<SeatHold | null> {
    return this.findOne({ orderItemId: { eq: orderItemId } });
  }

  /** The row of the order item, locked until the transaction ends: one settlement at a time. */
  async lockByOrderItem(orderItemId: string): Promise<SeatHold | null> {
    return this.guard(() =>
      this.select()
        .andWhere('entity.orderItemId = :orderItemId', { orderItemId })
        .setLock('pessimistic_write')
        .getOne(),
    );
  }

  /**
   * Moves the hold from `from` to `to`; false if it was not in `from` (already settled by a
   * concurrent or repeated event), so its seat is never released or consumed twice.
   */
  async settle(holdId: string, from: SeatHoldStatus, to: SeatHoldStatus): Promise<boolean> {
    const rows = await queryRows(
      this.manager,
      `UPDATE seat_holds SET status = $3, resolved_at = now(), updated_at = now()
       WHERE id = $1 AND status = $2 RETURNING id`,
      [holdId, from, to],
    );
    return rows.length === 1;
  }

  /**
   * Releases up to `limit` holds whose grace period ended, skipping rows another replica's
   * sweeper is releasing right now; returns the course of each released hold.
   */
  async releaseOverdue(now: Date, limit: number): Promise<string[]> {
    const rows = await queryRows<{ course_id: string }>(
      this.manager,
      `WITH overdue AS (
         SELECT id FROM seat_holds WHERE status = 'held' AND release_after <= $1
         ORDER BY release_after LIMIT $2 FOR UPDATE SKIP LOCKED
       )
       UPDATE seat_holds hold SET status = 'released', resolved_at = now(), updated_at = now()
       FROM overdue WHERE hold.id = overdue.id
       RETURNING hold.course_id`,
      [now, limit],
    );
    return rows.map((row) => row.course_id);
  }
}
