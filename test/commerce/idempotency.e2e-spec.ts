import { randomUUID } from 'node:crypto';
import { uniqueTestToken } from '@platform/testing';
import { type Account } from '../support/accounts';
import { CommerceE2E } from './support/commerce-platform';
import { DECLINED, VISA } from './support/shop';

/**
 * Idempotency-Key on placing and paying, end to end: a client that retries (or double
 * clicks, or whose connection dropped) never orders or is charged twice.
 */
let e2e: CommerceE2E;
let productId: string;
let buyer: Account;

beforeAll(async () => {
  e2e = await CommerceE2E.start({ label: 'cm_idem' });
  const product = await e2e.shop.createProduct(e2e.admin, {
    sku: uniqueTestToken('WB').toUpperCase(),
    priceCents: 2_500,
    stock: 50,
  });
  productId = product.body.id;
  [buyer] = await e2e.accounts(1);
});
afterAll(() => e2e?.close());

const ordersOf = (userId: string) =>
  e2e.commerceDb.rows<{ id: string }>('SELECT id FROM orders WHERE user_id = $1', [userId]);

describe('the Idempotency-Key header', () => {
  it.each([
    ['missing', null],
    ['empty', ''],
    ['with spaces', 'not a key'],
    ['too long', 'k'.repeat(256)],
  ])('POST /orders with a key %s is 400 naming the header, and places nothing', async (_, key) => {
    const [someone] = await e2e.accounts(1);
    const answer = await e2e.shop.place(someone, [{ productId }], key);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'Idempotency-Key' }],
    });
    expect(await ordersOf(someone.id)).toHaveLength(0);
  });

  it('POST /orders/:id/pay without a key is 400 naming the header, and charges nothing', async () => {
    const placed = await e2e.shop.place(buyer, [{ productId }]);
    const answer = await e2e.shop.pay(buyer, placed.body.id, VISA, null);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([
      expect.objectContaining({ field: 'Idempotency-Key', message: expect.stringContaining('required') }),
    ]);
    expect((await e2e.shop.order(buyer, placed.body.id)).body.status).toBe('pending_payment');
  });

  it('an invalid body is 400 naming the field even with a good key', async () => {
    const answer = await e2e.http('POST', '/api/v1/orders', {
      token: buyer.accessToken,
      headers: { 'idempotency-key': randomUUID() },
      body: { items: [{ productId, quantity: 0 }], coupon: 'FREE' },
    });
    expect(answer.status).toBe(400);
    const fields = (answer.body.error.details as { field: string }[]).map((detail) => detail.field).sort();
    expect(fields).toEqual(['coupon', 'items[0].quantity']);
  });
});

describe('placing an order', () => {
  it('the same key sent 10 times concurrently places one order, answered to all ten', async () => {
    const [someone] = await e2e.accounts(1);
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => e2e.shop.place(someone, [{ productId, quantity: 2 }], key)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(answers.every((answer) => answer.body.totalCents === 5_000)).toBe(true);
    expect(await ordersOf(someone.id)).toHaveLength(1);
    const [reserved] = await e2e.commerceDb.rows<{ quantity: number }>(
      `SELECT sum(i.quantity)::int AS quantity FROM order_items i JOIN orders o ON o.id = i.order_id
        WHERE o.user_id = $1 AND i.is_stock_reserved`,
      [someone.id],
    );
    expect(reserved.quantity).toBe(2);
  });

  it('the same key later replays the same order; with another body it is 422 and changes nothing', async () => {
    const [someone] = await e2e.accounts(1);
    const key = randomUUID();
    const first = await e2e.shop.place(someone, [{ productId }], key);
    const again = await e2e.shop.place(someone, [{ productId }], key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);

    const other = await e2e.shop.place(someone, [{ productId, quantity: 3 }], key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ordersOf(someone.id)).toHaveLength(1);
  });

  it('keys belong to their user: another buyer with the same key places their own order', async () => {
    const [first, second] = await e2e.accounts(2);
    const key = randomUUID();
    const mine = await e2e.shop.place(first, [{ productId }], key);
    const theirs = await e2e.shop.place(second, [{ productId }], key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.userId).toBe(second.id);
  });
});

describe('paying an order', () => {
  it('the same key sent 10 times concurrently makes one payment, one capture, one invoice', async () => {
    const [someone] = await e2e.accounts(1);
    const placed = await e2e.shop.place(someone, [{ productId }]);
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => e2e.shop.pay(someone, placed.body.id, VISA, key)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((answer) => answer.body.paymentId)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.body.invoiceId)).size).toBe(1);

    const payments = await e2e.commerceDb.rows<{ status: string; provider_capture_id: string }>(
      'SELECT status, provider_capture_id FROM payments WHERE order_id = $1',
      [placed.body.id],
    );
    expect(payments).toEqual([{ status: 'captured', provider_capture_id: expect.stringMatching(/^cap_/) }]);
    const invoices = await e2e.commerceDb.rows('SELECT id FROM invoices WHERE order_id = $1', [
      placed.body.id,
    ]);
    expect(invoices).toHaveLength(1);
  });

  it('a declined key replays its decline; the same key with another card is 422', async () => {
    const [someone] = await e2e.accounts(1);
    const placed = await e2e.shop.place(someone, [{ productId }]);
    const key = randomUUID();
    const declined = await e2e.shop.pay(someone, placed.body.id, DECLINED, key);
    expect(declined.status).toBe(402);
    const replayed = await e2e.shop.pay(someone, placed.body.id, DECLINED, key);
    expect(replayed.status).toBe(402);
    expect(replayed.body.error.details.paymentId).toBe(declined.body.error.details.paymentId);
    const otherCard = await e2e.shop.pay(someone, placed.body.id, VISA, key);
    expect(otherCard.status).toBe(422);
    expect(otherCard.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const payments = await e2e.commerceDb.rows('SELECT status FROM payments WHERE order_id = $1', [
      placed.body.id,
    ]);
    expect(payments).toEqual([{ status: 'declined' }]);
  });
});
