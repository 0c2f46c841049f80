import { Injectable } from '@nestjs/common';
import { type OrderView } from '@platform/contracts';
import { RefundsRepository } from '../refunds/refunds.repository';
import { type Order } from './order.entity';
import { OrderItemsRepository } from './order-items.repository';
import { toOrderView } from './order.views';

/** Reads whole orders (items and refunds) for replies. */
@Injectable()
export class OrderQueries {
  constructor(
    private readonly items: OrderItemsRepository,
    private readonly refunds: RefundsRepository,
  ) {}

  async view(order: Order): Promise<OrderView> {
    return (await this.views([order]))[0];
  }

  async views(orders: readonly Order[]): Promise<OrderView[]> {
    const ids = orders.map((order) => order.id);
    const [items, refunds] = await Promise.all([
      this.items.findByOrderIds(ids),
      this.refunds.findByOrderIds(ids),
    ]);
    return orders.map((order) => toOrderView(order, items.get(order.id) ?? [], refunds.get(order.id) ?? []));
  }
}
