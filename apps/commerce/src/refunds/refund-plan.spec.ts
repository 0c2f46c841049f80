import { OrderItem } from '../orders/order-item.entity';
import { planRefund } from './refund-plan';

const item = (id: string, lineTotalCents: number, refundId: string | null = null): OrderItem =>
  Object.assign(new OrderItem(), { id, lineTotalCents, refundId });

describe('planRefund', () => {
  const items = [item('a', 3000), item('b', 2000), item('c', 1000, 'r0')];

  it('refunds everything left and revokes every remaining item by default', () => {
    const plan = planRefund(items, 5000, {});
    expect(plan.amountCents).toBe(5000);
    expect(plan.revoke.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('refunds named items for their line totals, or for the amount given', () => {
    expect(planRefund(items, 5000, { orderItemIds: ['b'] })).toMatchObject({ amountCents: 2000 });
    const partial = planRefund(items, 5000, { orderItemIds: ['a'], amountCents: 500 });
    expect(partial.amountCents).toBe(500);
    expect(partial.revoke.map((i) => i.id)).toEqual(['a']);
  });

  it('revokes nothing for a goodwill amount, unless it is all that is left', () => {
    expect(planRefund(items, 5000, { amountCents: 1200 }).revoke).toEqual([]);
    expect(planRefund(items, 5000, { amountCents: 5000 }).revoke.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('refuses more than what is left, nothing left, foreign and already refunded items', () => {
    expect(failure(() => planRefund(items, 5000, { amountCents: 5001 }))).toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
      details: { remainingCents: 5000, requestedCents: 5001 },
    });
    expect(() => planRefund(items, 0, {})).toThrow(/Nothing is left/);
    expect(failure(() => planRefund(items, 5000, { orderItemIds: ['zzz'] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(failure(() => planRefund(items, 5000, { orderItemIds: ['c'] }))).toMatchObject({
      code: 'INVALID_STATE',
      details: { orderItemIds: ['c'] },
    });
  });
});

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}
