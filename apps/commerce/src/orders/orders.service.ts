import { Injectable } from '@nestjs/common';
import { ConflictError } from '@platform/common';
import { currentActor, requireOwnerOrAdmin } from '@platform/auth';
import { type ListMyOrdersQuery, type OrderView, type Page } from '@platform/contracts';
import { type Filter, runInTransaction } from '@platform/database';
import { EventPublisher, OrderCanceled } from '@platform/events';
import { InventoryService } from '../inventory/inventory.service';
import { type CanceledBy, type Order } from './order.entity';
import { OrderItemsRepository } from './order-items.repository';
import { OrderQueries } from './order-queries';
import { invalidState, sourcesOf } from './order-status';
import { orderRef, toEventItem } from './order.views';
import { OrdersRepository } from './orders.repository';

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly items: OrderItemsRepository,
    private readonly queries: OrderQueries,
    private readonly inventory: InventoryService,
    private readonly events: EventPublisher,
  ) {}

  /** The order, if the caller owns it or is an admin. */
  async getForCaller(orderId: string): Promise<Order> {
    const order = await this.orders.getById(orderId);
    requireOwnerOrAdmin(order.userId, 'order');
    return order;
  }

  async get(orderId: string): Promise<OrderView> {
    return this.queries.view(await this.getForCaller(orderId));
  }

  async listMine(query: ListMyOrdersQuery): Promise<Page<OrderView>> {
    const { userId } = currentActor();
    const filter: Filter<Order> = { userId: { eq: userId } };
    if (query.status) filter.status = { eq: query.status };
    const page = await this.orders.list({ filter, limit: query.limit, offset: query.offset });
    return { ...page, items: await this.queries.views(page.items) };
  }

  /** Cancels an unpaid order and gives its stock back; course releases its seat holds on the event. */
  async cancel(orderId: string): Promise<OrderView> {
    const order = await this.getForCaller(orderId);
    const by: CanceledBy = currentActor().userId === order.userId ? 'customer' : 'admin';
    const canceled = await runInTransaction(async () => {
      const updated = await this.orders.cancel(orderId, by, by.toUpperCase());
      if (!updated) return null;
      const items = await this.items.findByOrderId(orderId);
      await this.inventory.release(items.filter((item) => item.isStockReserved));
      await this.events.publish(OrderCanceled, {
        aggregateId: orderId,
        data: { ...orderRef(updated), items: items.map(toEventItem), canceledBy: by },
      });
      return updated;
    });
    if (!canceled) throw await this.whyNot(orderId, 'cancel');
    return this.queries.view(canceled);
  }

  /** Explains a refused change of an unpaid order: a payment is running, or the state forbids it. */
  async whyNot(orderId: string, action: 'cancel' | 'pay'): Promise<ConflictError> {
    const order = await this.orders.getById(orderId);
    if (order.status === 'pending_payment' && order.pendingPaymentId) {
      return new ConflictError('A payment of this order is in progress; try again in a moment', {
        code: 'PAYMENT_IN_PROGRESS',
        details: { orderId },
      });
    }
    if (order.status === 'pending_payment' && action === 'pay') {
      return invalidState(orderId, 'expired', 'pay', []);
    }
    return invalidState(orderId, order.status, action, sourcesOf(action === 'pay' ? 'paid' : 'canceled'));
  }
}
