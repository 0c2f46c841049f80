import { type FieldProblem, newId, validationFailed } from '@platform/common';
import { MAX_AMOUNT_CENTS, type PlaceOrderRequest } from '@platform/contracts';
import { type StockLine } from '../inventory/inventory.service';
import { type Product } from '../products/product.entity';
import { OrderItem } from './order-item.entity';
import { Order } from './order.entity';

/** An order about to be placed: rows not yet written, and what the stock must reserve. */
export interface OrderDraft {
  order: Order;
  items: OrderItem[];
  lines: StockLine[];
}

/**
 * The order a request makes of its products (`products[i]` is line i's product): one
 * currency, one seat per course line, a total a processor can charge; names and unit
 * prices are copied, so later product changes never reach the order.
 */
export function buildOrderDraft(
  userId: string,
  request: PlaceOrderRequest,
  products: readonly Product[],
  ttlSeconds: number,
  now = new Date(),
): OrderDraft {
  const problems: FieldProblem[] = [];
  const currencies = [...new Set(products.map((product) => product.currency))];
  if (currencies.length > 1) {
    problems.push({
      field: 'items',
      message: `all items must be in one currency (got ${currencies.join(', ')})`,
    });
  }
  request.items.forEach((line, i) => {
    if (products[i].courseId && line.quantity !== 1) {
      problems.push({
        field: `items[${i}].quantity`,
        message: 'a course is bought one seat at a time: quantity must be 1',
      });
    }
  });
  const totalCents = request.items.reduce((sum, line, i) => sum + line.quantity * products[i].priceCents, 0);
  if (totalCents > MAX_AMOUNT_CENTS) {
    problems.push({
      field: 'items',
      message: `the order total may not exceed ${MAX_AMOUNT_CENTS} minor units`,
    });
  }
  if (problems.length > 0) throw validationFailed(problems, 'The order cannot be placed as it is');

  const order = Object.assign(new Order(), {
    id: newId(),
    userId,
    status: 'pending_payment',
    currency: products[0].currency,
    totalCents,
    refundedCents: 0,
    expiresAt: new Date(now.getTime() + ttlSeconds * 1_000),
    idempotencyKey: request.idempotencyKey,
    // Unset columns stated as null: the 201 answer (and its stored replay) is built from this
    // object, and an undefined field would vanish from the JSON instead of reading null.
    pendingPaymentId: null,
    paymentId: null,
    invoiceId: null,
    paidAt: null,
    canceledAt: null,
    canceledBy: null,
    cancelReason: null,
    expiredAt: null,
    createdAt: now,
    updatedAt: now,
  } satisfies Partial<Order>);
  const items = request.items.map((line, i) =>
    Object.assign(new OrderItem(), {
      id: newId(),
      orderId: order.id,
      productId: products[i].id,
      courseId: products[i].courseId,
      sku: products[i].sku,
      name: products[i].name,
      unitPriceCents: products[i].priceCents,
      quantity: line.quantity,
      lineTotalCents: products[i].priceCents * line.quantity,
      isStockReserved: false,
    } satisfies Partial<OrderItem>),
  );
  const lines = items.map(({ productId, name, quantity }) => ({ productId, name, quantity }));
  return { order, items, lines };
}
