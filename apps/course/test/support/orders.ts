import { RequestContext, newId } from '@platform/common';
import { runInTransaction } from '@platform/database';
import { type EventData, type EventEnvelope, type OrderPaid, type OrderRefunded } from '@platform/events';

export type OrderItemData = EventData<typeof OrderPaid>['items'][number];

/** commerce's view of a course line of an order. */
export function courseItem(courseId: string): OrderItemData {
  return { orderItemId: newId(), productId: newId(), courseId, quantity: 1, unitPriceCents: 4900 };
}

export interface TestOrder {
  orderId: string;
  userId: string;
  items: OrderItemData[];
}

export function order(userId: string, ...items: OrderItemData[]): TestOrder {
  return { orderId: newId(), userId, items };
}

function envelope<D>(type: string, aggregateId: string, data: D): EventEnvelope<D> {
  return {
    id: newId(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'commerce',
    aggregateId,
    correlationId: newId(),
    data,
  };
}

export function paid(o: TestOrder): EventEnvelope<EventData<typeof OrderPaid>> {
  const totalCents = o.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
  return envelope('commerce.order.paid', o.orderId, {
    orderId: o.orderId,
    userId: o.userId,
    currency: 'EUR',
    items: o.items,
    totalCents,
    paymentId: newId(),
    invoiceId: newId(),
    paidAt: new Date().toISOString(),
  });
}

export function canceled(o: TestOrder) {
  return envelope('commerce.order.canceled', o.orderId, {
    orderId: o.orderId,
    userId: o.userId,
    currency: 'EUR',
    items: o.items,
    canceledBy: 'customer' as const,
  });
}

export function expired(o: TestOrder) {
  return envelope('commerce.order.expired', o.orderId, {
    orderId: o.orderId,
    userId: o.userId,
    currency: 'EUR',
    items: o.items,
  });
}

export function refunded(
  o: TestOrder,
  revokedItems = o.items,
): EventEnvelope<EventData<typeof OrderRefunded>> {
  return envelope('commerce.order.refunded', o.orderId, {
    orderId: o.orderId,
    userId: o.userId,
    currency: 'EUR',
    refundId: newId(),
    amountCents: 4900,
    totalRefundedCents: 4900,
    fullyRefunded: true,
    reason: 'requested_by_customer',
    automaticReason: null,
    revokedItems,
  });
}

/**
 * Runs a handler the way the event runtime will: in a system context caused by the event,
 * inside a transaction that (in production) also holds the inbox row.
 */
export function deliver<D>(
  event: EventEnvelope<D>,
  handler: (event: EventEnvelope<D>) => Promise<void>,
): Promise<void> {
  return RequestContext.run(RequestContext.system({ causationId: event.id }), () =>
    runInTransaction(() => handler(event)),
  );
}
