import { ORDER_STATUSES } from '@platform/contracts';
import { canTransition, invalidState, sourcesOf } from './order-status';

describe('order state machine', () => {
  it('allows exactly the transitions of the contract', () => {
    const allowed = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'paid->partially_refunded',
        'paid->refunded',
        'partially_refunded->partially_refunded',
        'partially_refunded->refunded',
        'pending_payment->canceled',
        'pending_payment->expired',
        'pending_payment->paid',
      ].sort(),
    );
  });

  it('has no way out of a final state', () => {
    for (const final of ['refunded', 'canceled', 'expired'] as const) {
      expect(ORDER_STATUSES.some((to) => canTransition(final, to))).toBe(false);
    }
  });

  it('names the sources of an action and explains a refusal', () => {
    expect(sourcesOf('paid')).toEqual(['pending_payment']);
    expect(sourcesOf('partially_refunded', 'refunded')).toEqual(['paid', 'partially_refunded']);
    const error = invalidState('o1', 'paid', 'cancel', ['pending_payment']);
    expect(error.toJSON()).toEqual({
      code: 'INVALID_STATE',
      message: 'Cannot cancel an order that is paid',
      details: { orderId: 'o1', status: 'paid', action: 'cancel', allowedStatuses: ['pending_payment'] },
    });
  });
});
