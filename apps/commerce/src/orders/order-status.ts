import { ConflictError } from '@platform/common';
import { type OrderStatus } from '@platform/contracts';

/**
 * The order state machine. Every transition is one conditional UPDATE (`WHERE status IN
 * (sources)`), so of two racing transitions exactly one wins and the other gets INVALID_STATE.
 *
 *   pending_payment ──pay──▶ paid ──refund──▶ partially_refunded ──refund──▶ refunded
 *          │                   └──────────────full refund───────────────────▲
 *          ├──cancel──▶ canceled
 *          └──ttl─────▶ expired
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['paid', 'canceled', 'expired'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  canceled: [],
  expired: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** The statuses an order may be in for `action` to apply to it. */
export function sourcesOf(...targets: OrderStatus[]): OrderStatus[] {
  return (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter((from) =>
    targets.some((to) => canTransition(from, to)),
  );
}

/** 409 INVALID_STATE naming the action, the order's status and the statuses that would allow it. */
export function invalidState(
  orderId: string,
  status: OrderStatus,
  action: string,
  allowed: OrderStatus[],
): ConflictError {
  return new ConflictError(`Cannot ${action} an order that is ${status.replace('_', ' ')}`, {
    code: 'INVALID_STATE',
    details: { orderId, status, action, allowedStatuses: allowed },
  });
}
