import { type Constructor } from '@platform/database';
import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { Order } from './order.entity';

/**
 * `order_id` with its foreign key, for the records an order accumulates (payments,
 * refunds, invoices). RESTRICT: money records outlive nothing they belong to.
 */
export function WithOrderRef<TBase extends Constructor>(Base: TBase) {
  abstract class OrderRef extends Base {
    @Column('uuid')
    orderId!: string;

    @ManyToOne(() => Order, { onDelete: 'RESTRICT' })
    @JoinColumn({ name: 'order_id' })
    order?: Order;
  }
  return OrderRef;
}
