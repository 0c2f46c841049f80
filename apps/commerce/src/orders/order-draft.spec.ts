import { type PlaceOrderRequest } from '@platform/contracts';
import { Product } from '../products/product.entity';
import { buildOrderDraft } from './order-draft';
import { toOrderView } from './order.views';

const product = (id: string, priceCents: number, extra: Partial<Product> = {}): Product =>
  Object.assign(new Product(), {
    id,
    sku: `SKU-${id}`,
    name: `P ${id}`,
    priceCents,
    currency: 'EUR',
    courseId: null,
    ...extra,
  });

const request = (...quantities: number[]): PlaceOrderRequest => ({
  idempotencyKey: 'k',
  items: quantities.map((quantity, i) => ({ productId: `p${i}`, quantity })),
});

describe('buildOrderDraft', () => {
  const now = new Date('2026-03-01T10:00:00Z');

  it('snapshots each line and totals the order, expiring after the TTL', () => {
    const draft = buildOrderDraft('u1', request(2, 1), [product('p0', 1_250), product('p1', 300)], 900, now);
    expect(draft.order).toMatchObject({
      userId: 'u1',
      totalCents: 2_800,
      currency: 'EUR',
      status: 'pending_payment',
      idempotencyKey: 'k',
    });
    expect(draft.order.expiresAt.toISOString()).toBe('2026-03-01T10:15:00.000Z');
    expect(
      draft.items.map((item) => [item.sku, item.unitPriceCents, item.quantity, item.lineTotalCents]),
    ).toEqual([
      ['SKU-p0', 1_250, 2, 2_500],
      ['SKU-p1', 300, 1, 300],
    ]);
    expect(draft.items.every((item) => item.orderId === draft.order.id)).toBe(true);
    expect(draft.lines).toEqual([
      { productId: 'p0', name: 'P p0', quantity: 2 },
      { productId: 'p1', name: 'P p1', quantity: 1 },
    ]);
  });

  it('makes a view that names every field, null where unset (the 201 answer is built from it)', () => {
    const draft = buildOrderDraft('u1', request(1), [product('p0', 500)], 900, now);
    const view = JSON.parse(JSON.stringify(toOrderView(draft.order, draft.items))) as Record<string, unknown>;
    expect(view).toMatchObject({
      paidAt: null,
      canceledAt: null,
      expiredAt: null,
      cancelReason: null,
      paymentId: null,
      invoiceId: null,
      refunds: [],
    });
  });

  it('names every problem at once: mixed currencies, several seats of a course, a total too large', () => {
    let error: unknown;
    try {
      buildOrderDraft(
        'u1',
        request(2, 100),
        [product('p0', 1_000, { courseId: 'c1' }), product('p1', 99_999_999, { currency: 'USD' })],
        900,
        now,
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((error as { details: { field: string }[] }).details.map((problem) => problem.field)).toEqual([
      'items',
      'items[0].quantity',
      'items',
    ]);
  });
});
