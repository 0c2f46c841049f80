import { ConflictError, ValidationError } from '@platform/common';
import { type OrderItem } from '../orders/order-item.entity';

export interface RefundAsk {
  amountCents?: number;
  orderItemIds?: string[];
}

export interface RefundPlan {
  amountCents: number;
  /** Items whose access ends with this refund. */
  revoke: OrderItem[];
}

/**
 * What a refund request means for an order (see RefundOrderBody):
 * - items named: those items, for their line totals unless an amount is given;
 * - an amount alone: a goodwill refund that revokes nothing — unless it is everything left,
 *   in which case access to every remaining item ends with the money;
 * - neither: everything left, every remaining item revoked.
 * `remainingCents` is what the capture still holds; the atomic reservation re-checks it.
 */
export function planRefund(items: readonly OrderItem[], remainingCents: number, ask: RefundAsk): RefundPlan {
  const live = items.filter((item) => item.refundId === null);
  let plan: RefundPlan;
  if (ask.orderItemIds) {
    const named = ask.orderItemIds.map((id) => items.find((item) => item.id === id));
    const unknown = ask.orderItemIds.filter((_, i) => !named[i]);
    if (unknown.length > 0) {
      throw new ValidationError('Some items are not part of this order', {
        details: unknown.map((id) => ({
          field: 'orderItemIds',
          message: `${id} is not an item of this order`,
        })),
      });
    }
    const taken = (named as OrderItem[]).filter((item) => item.refundId !== null).map((item) => item.id);
    if (taken.length > 0) {
      throw new ConflictError('Some items were refunded already', {
        code: 'INVALID_STATE',
        details: { orderItemIds: taken },
      });
    }
    const itemsTotal = (named as OrderItem[]).reduce((sum, item) => sum + item.lineTotalCents, 0);
    plan = { amountCents: ask.amountCents ?? itemsTotal, revoke: named as OrderItem[] };
  } else if (ask.amountCents !== undefined) {
    plan = { amountCents: ask.amountCents, revoke: ask.amountCents === remainingCents ? live : [] };
  } else {
    plan = { amountCents: remainingCents, revoke: live };
  }
  if (plan.amountCents < 1 || plan.amountCents > remainingCents)
    throw exceeds(remainingCents, plan.amountCents);
  return plan;
}

export function exceeds(remainingCents: number, requestedCents: number): ConflictError {
  return new ConflictError(
    remainingCents === 0
      ? 'Nothing is left to refund on this order'
      : `At most ${remainingCents} can still be refunded on this order`,
    { code: 'REFUND_EXCEEDS_CAPTURED', details: { remainingCents, requestedCents } },
  );
}
