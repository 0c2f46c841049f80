import { Inject, Injectable } from '@nestjs/common';
import { runInTransaction } from '@platform/database';
import { EventPublisher, OrderExpired } from '@platform/events';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { InventoryService } from '../inventory/inventory.service';
import { commerceMetrics } from '../shared/commerce.metrics';
import { BackgroundJob } from '../shared/background-job';
import { OrderItemsRepository } from './order-items.repository';
import { orderRef, toEventItem } from './order.views';
import { OrdersRepository } from './orders.repository';

const BATCH = 100;

/**
 * Expires orders left unpaid past `expiresAt`: status, stock and `commerce.order.expired`
 * (course releases the seat holds) in one transaction per batch. Safe with any number of
 * replicas: each batch is claimed with FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class OrderExpiryService extends BackgroundJob {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly items: OrderItemsRepository,
    private readonly inventory: InventoryService,
    private readonly events: EventPublisher,
    @Inject(COMMERCE_CONFIG) config: CommerceConfig,
  ) {
    super('OrderExpiry', config.COMMERCE_JOBS_INTERVAL_MS);
  }

  protected work(): Promise<number> {
    return this.expireDue();
  }

  /** Expires every order due now, batch by batch; returns how many. */
  async expireDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await runInTransaction(() => this.expireBatch());
      commerceMetrics.ordersExpired.inc(expired);
      total += expired;
      if (expired < BATCH) return total;
    }
  }

  private async expireBatch(): Promise<number> {
    const orders = await this.orders.expireDue(BATCH);
    const items = await this.items.findByOrderIds(orders.map((order) => order.id));
    const reserved = orders.flatMap((order) =>
      (items.get(order.id) ?? []).filter((item) => item.isStockReserved),
    );
    await this.inventory.release(reserved);
    for (const order of orders) {
      await this.events.publish(OrderExpired, {
        aggregateId: order.id,
        data: { ...orderRef(order), items: (items.get(order.id) ?? []).map(toEventItem) },
      });
    }
    return orders.length;
  }
}
