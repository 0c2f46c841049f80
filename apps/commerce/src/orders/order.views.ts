import { type OrderItemView, type OrderView } from '@platform/contracts';
import { type EventData, type OrderPlaced } from '@platform/events';
import { type Refund } from '../refunds/refund.entity';
import { toRefundView } from '../refunds/refund.views';
import { type OrderItem } from './order-item.entity';
import { type Order } from './order.entity';

export function toOrderItemView(item: OrderItem): OrderItemView {
  return {
    id: item.id,
    productId: item.productId,
    courseId: item.courseId,
    sku: item.sku,
    name: item.name,
    unitPriceCents: item.unitPriceCents,
    quantity: item.quantity,
    lineTotalCents: item.lineTotalCents,
    refundedAt: item.refundedAt?.toISOString() ?? null,
  };
}

export function toOrderView(
  order: Order,
  items: readonly OrderItem[],
  refunds: readonly Refund[] = [],
): OrderView {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    currency: order.currency,
    totalCents: order.totalCents,
    refundedCents: order.refundedCents,
    items: items.map(toOrderItemView),
    expiresAt: order.expiresAt.toISOString(),
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    canceledAt: order.canceledAt?.toISOString() ?? null,
    expiredAt: order.expiredAt?.toISOString() ?? null,
    cancelReason: order.cancelReason,
    paymentId: order.paymentId,
    invoiceId: order.invoiceId,
    refunds: refunds.map(toRefundView),
  };
}

/** An order line as the commerce events carry it (course needs `courseId` and the item id). */
export type EventOrderItem = EventData<typeof OrderPlaced>['items'][number];

export function toEventItem(item: OrderItem): EventOrderItem {
  return {
    orderItemId: item.id,
    productId: item.productId,
    courseId: item.courseId,
    quantity: item.quantity,
    unitPriceCents: item.unitPriceCents,
  };
}

/** The fields every order event starts with. */
export function orderRef(order: Order): { orderId: string; userId: string; currency: string } {
  return { orderId: order.id, userId: order.userId, currency: order.currency };
}
