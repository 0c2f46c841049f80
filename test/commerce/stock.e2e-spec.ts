import { uniqueTestToken } from '@platform/testing';
import { type Account } from '../support/accounts';
import { CommerceE2E } from './support/commerce-platform';

/**
 * Stock under a rush, through HTTP → gateway → NATS → commerce → PostgreSQL: a reservation
 * is one conditional UPDATE, so a hundred buyers racing for ten units get exactly ten
 * orders, and stock is never negative at any moment, not only at the end.
 */
let e2e: CommerceE2E;
beforeAll(async () => {
  e2e = await CommerceE2E.start({ label: 'cm_stock' });
});
afterAll(() => e2e?.close());

interface Stock extends Record<string, unknown> {
  on_hand: number;
  reserved: number;
}

const stockOf = (productId: string) =>
  e2e.commerceDb.one<Stock>('SELECT on_hand, reserved FROM inventory_items WHERE product_id = $1', [
    productId,
  ]);

async function productWithStock(stock: number): Promise<string> {
  const created = await e2e.shop.createProduct(e2e.admin, {
    sku: uniqueTestToken('WB').toUpperCase(),
    priceCents: 1_500,
    stock,
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** Samples on hand minus reserved as fast as the database answers, until stopped. */
function sampleAvailability(productId: string): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const row = await stockOf(productId);
      samples.push(row.on_hand - row.reserved, row.reserved);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

describe('a product with 10 units and 100 concurrent buyers', () => {
  let productId: string;
  let buyers: Account[];
  let winners: { buyer: Account; orderId: string }[];

  beforeAll(async () => {
    productId = await productWithStock(10);
    buyers = await e2e.accounts(100);
  });

  it('places exactly 10 orders; the other 90 are 409 INSUFFICIENT_STOCK; stock is never negative', async () => {
    const sampler = sampleAvailability(productId);
    const answers = await Promise.all(buyers.map((buyer) => e2e.shop.place(buyer, [{ productId }])));
    const samples = await sampler.stop();

    const placed = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(placed).toHaveLength(10);
    expect(refused.map((answer) => answer.body.error.code)).toEqual(Array(90).fill('INSUFFICIENT_STOCK'));
    expect(placed.every((answer) => answer.body.status === 'pending_payment')).toBe(true);
    expect(samples.length).toBeGreaterThan(0);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);

    const orders = await e2e.commerceDb.rows(
      `SELECT o.id FROM orders o JOIN order_items i ON i.order_id = o.id
        WHERE i.product_id = $1 AND o.status = 'pending_payment'`,
      [productId],
    );
    expect(orders).toHaveLength(10);
    expect(await stockOf(productId)).toEqual({ on_hand: 10, reserved: 10 });
    expect((await e2e.shop.product(productId)).body.available).toBe(0);

    winners = placed.map((answer) => ({
      buyer: buyers.find((buyer) => buyer.id === answer.body.userId) as Account,
      orderId: answer.body.id,
    }));
  });

  it('canceling returns the units, which sell again to exactly as many of the next rush', async () => {
    const canceled = winners.slice(0, 3);
    for (const { buyer, orderId } of canceled) {
      const answer = await e2e.shop.cancel(buyer, orderId);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: 'canceled', cancelReason: 'CUSTOMER' });
    }
    expect(await stockOf(productId)).toEqual({ on_hand: 10, reserved: 7 });
    expect((await e2e.shop.product(productId)).body.available).toBe(3);

    // Canceling again, or someone else's order, changes nothing.
    expect((await e2e.shop.cancel(canceled[0].buyer, canceled[0].orderId)).status).toBe(409);
    expect((await e2e.shop.cancel(winners[4].buyer, winners[5].orderId)).status).toBe(403);

    const rush = buyers.slice(50, 70);
    const answers = await Promise.all(rush.map((buyer) => e2e.shop.place(buyer, [{ productId }])));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(3);
    expect(await stockOf(productId)).toEqual({ on_hand: 10, reserved: 10 });
  });

  it('paying consumes the reservation: on hand and reserved both drop', async () => {
    const { buyer, orderId } = winners[5];
    const paid = await e2e.shop.pay(buyer, orderId);
    expect(paid.status).toBe(200);
    expect(await stockOf(productId)).toEqual({ on_hand: 9, reserved: 9 });
    expect((await e2e.shop.cancel(buyer, orderId)).status).toBe(409);
  });

  it('an order for more units than are left is refused whole, reserving nothing', async () => {
    const other = await productWithStock(5);
    const answer = await e2e.shop.place(buyers[90], [
      { productId: other, quantity: 2 },
      { productId, quantity: 1 },
    ]);
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(await stockOf(other)).toEqual({ on_hand: 5, reserved: 0 });
  });

  it('lowering stock below what unpaid orders reserved is refused', async () => {
    const answer = await e2e.http('PATCH', `/api/v1/products/${productId}/inventory`, {
      token: e2e.admin.accessToken,
      body: { onHand: 3 },
    });
    expect(answer.status).toBe(409);
    const raised = await e2e.http('PATCH', `/api/v1/products/${productId}/inventory`, {
      token: e2e.admin.accessToken,
      body: { onHand: 12 },
    });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ onHand: 12, reserved: 9, available: 3 });
  });
});
