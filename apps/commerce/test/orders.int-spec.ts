import { newId } from '@platform/common';
import { CommercePatterns } from '@platform/contracts';
import { hashRequest } from '../src/idempotency/request-hash';
import { CommerceHarness, newUser } from './support/commerce-harness';
import { admin, createProduct, placeOrder, tally } from './support/fixtures';

let harness: CommerceHarness;

beforeAll(async () => {
  harness = await CommerceHarness.start('orders', { ORDER_TTL_SECONDS: '600', IDEMPOTENCY_WAIT_MS: '1500' });
});

afterAll(async () => {
  await harness?.close();
});

const stockOf = (productId: string) => harness.stockOf(productId);

describe('placing orders', () => {
  const buyer = newUser();

  it('snapshots names and prices, reserves stock, and records order.placed', async () => {
    const book = await createProduct(harness, { name: 'Book', priceCents: 1_250, stock: 5 });
    const pen = await createProduct(harness, { name: 'Pen', priceCents: 300 });
    const before = Date.now();
    const order = await placeOrder(harness, buyer, [
      { productId: book.id, quantity: 2 },
      { productId: pen.id, quantity: 3 },
    ]);
    expect(order).toMatchObject({
      status: 'pending_payment',
      totalCents: 3_400,
      currency: 'EUR',
      userId: buyer.userId,
    });
    expect(
      order.items.map(({ name, unitPriceCents, quantity, lineTotalCents }) => ({
        name,
        unitPriceCents,
        quantity,
        lineTotalCents,
      })),
    ).toEqual([
      { name: 'Book', unitPriceCents: 1_250, quantity: 2, lineTotalCents: 2_500 },
      { name: 'Pen', unitPriceCents: 300, quantity: 3, lineTotalCents: 900 },
    ]);
    expect(new Date(order.expiresAt).getTime()).toBeGreaterThanOrEqual(before + 600_000 - 1_000);
    expect(await stockOf(book.id)).toEqual({ on_hand: 5, reserved: 2 });
    // A later price change does not reach the order.
    await harness.send(admin, CommercePatterns.updateProduct, {
      productId: book.id,
      priceCents: 9_999,
      version: book.version,
    });
    expect(
      (await harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id })).items[0].unitPriceCents,
    ).toBe(1_250);
    const placed = (await harness.outbox('commerce.order.placed')).find(
      (row) => row.aggregateId === order.id,
    );
    expect(placed?.data).toMatchObject({
      orderId: order.id,
      userId: buyer.userId,
      totalCents: 3_400,
      items: expect.any(Array),
    });
    expect((placed?.data.items as unknown[]).length).toBe(2);
  });

  it('100 concurrent buyers for stock 10: exactly 10 orders, never oversold', async () => {
    const product = await createProduct(harness, { stock: 10 });
    const buyers = Array.from({ length: 100 }, () => newUser());
    const { values, errors } = await tally(
      buyers.map((user) => placeOrder(harness, user, [{ productId: product.id, quantity: 1 }])),
    );
    expect(values).toHaveLength(10);
    expect(errors).toEqual({ INSUFFICIENT_STOCK: 90 });
    expect(await stockOf(product.id)).toEqual({ on_hand: 10, reserved: 10 });
    const [{ count }] = await harness.query<{ count: string }>(
      `SELECT count(*) FROM order_items WHERE product_id = $1`,
      [product.id],
    );
    expect(Number(count)).toBe(10);
    const refused = await harness.failure(newUser(), CommercePatterns.placeOrder, {
      items: [{ productId: product.id, quantity: 1 }],
      idempotencyKey: newId(),
    });
    expect(refused).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { productId: product.id, requested: 1, available: 0 },
    });
  });

  it('orders with the same lines in opposite order do not deadlock', async () => {
    const a = await createProduct(harness, { stock: 100 });
    const b = await createProduct(harness, { stock: 100 });
    const { values, errors } = await tally(
      Array.from({ length: 30 }, (_, i) =>
        placeOrder(
          harness,
          newUser(),
          i % 2 === 0
            ? [
                { productId: a.id, quantity: 1 },
                { productId: b.id, quantity: 2 },
              ]
            : [
                { productId: b.id, quantity: 2 },
                { productId: a.id, quantity: 1 },
              ],
        ),
      ),
    );
    expect(errors).toEqual({});
    expect(values).toHaveLength(30);
    expect(await stockOf(a.id)).toEqual({ on_hand: 100, reserved: 30 });
    expect(await stockOf(b.id)).toEqual({ on_hand: 100, reserved: 60 });
  });

  it('a multi-line order reserves all lines or none', async () => {
    const plenty = await createProduct(harness, { stock: 10 });
    const scarce = await createProduct(harness, { stock: 1 });
    const refused = await harness.failure(buyer, CommercePatterns.placeOrder, {
      items: [
        { productId: plenty.id, quantity: 4 },
        { productId: scarce.id, quantity: 2 },
      ],
      idempotencyKey: newId(),
    });
    expect(refused.code).toBe('INSUFFICIENT_STOCK');
    expect(await stockOf(plenty.id)).toEqual({ on_hand: 10, reserved: 0 });
  });

  it('refuses bad input naming each problem, unknown and inactive products', async () => {
    const product = await createProduct(harness);
    const bad = await harness.failure(buyer, CommercePatterns.placeOrder, {
      items: [
        { productId: product.id, quantity: 0 },
        { productId: product.id, quantity: 1 },
        { productId: 'nope', quantity: 1 },
      ],
      idempotencyKey: 'has space',
    });
    expect(bad.code).toBe('VALIDATION_FAILED');
    const fields = (bad.details as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual(
      expect.arrayContaining(['items', 'items[0].quantity', 'items[2].productId', 'idempotencyKey']),
    );
    expect(
      await harness.failure(buyer, CommercePatterns.placeOrder, { items: [], idempotencyKey: newId() }),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(
      await harness.failure(buyer, CommercePatterns.placeOrder, {
        items: [{ productId: product.id, quantity: 1 }],
      } as never),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'idempotencyKey' })],
    });
    const missing = newId();
    expect(
      await harness.failure(buyer, CommercePatterns.placeOrder, {
        items: [{ productId: missing, quantity: 1 }],
        idempotencyKey: newId(),
      }),
    ).toMatchObject({
      code: 'NOT_FOUND',
      details: { productIds: [missing] },
    });
    const retired = await createProduct(harness);
    await harness.send(admin, CommercePatterns.updateProduct, {
      productId: retired.id,
      isActive: false,
      version: retired.version,
    });
    expect(
      await harness.failure(buyer, CommercePatterns.placeOrder, {
        items: [{ productId: retired.id, quantity: 1 }],
        idempotencyKey: newId(),
      }),
    ).toMatchObject({
      code: 'PRODUCT_UNAVAILABLE',
    });
    const dollars = await createProduct(harness, { currency: 'USD' });
    const mixed = await harness.failure(buyer, CommercePatterns.placeOrder, {
      items: [
        { productId: product.id, quantity: 1 },
        { productId: dollars.id, quantity: 1 },
      ],
      idempotencyKey: newId(),
    });
    expect(mixed).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'items' })],
    });
    expect(
      await harness.failure(undefined, CommercePatterns.placeOrder, {
        items: [{ productId: product.id, quantity: 1 }],
        idempotencyKey: newId(),
      }),
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('idempotency of placing', () => {
  it('the same key sent 10 times at once places one order, and every reply is that order', async () => {
    const product = await createProduct(harness, { stock: 50 });
    const buyer = newUser();
    const key = newId();
    const { values, errors } = await tally(
      Array.from({ length: 10 }, () =>
        placeOrder(harness, buyer, [{ productId: product.id, quantity: 2 }], key),
      ),
    );
    expect(errors).toEqual({});
    expect(new Set(values.map((order) => order.id)).size).toBe(1);
    expect(values.every((order) => JSON.stringify(order) === JSON.stringify(values[0]))).toBe(true);
    const orders = await harness.query(`SELECT id FROM orders WHERE user_id = $1`, [buyer.userId]);
    expect(orders).toHaveLength(1);
    expect(await stockOf(product.id)).toEqual({ on_hand: 50, reserved: 2 });
    // Later replays answer the same, even after the order changed.
    await harness.send(buyer, CommercePatterns.cancelOrder, { orderId: values[0].id });
    const replay = await placeOrder(harness, buyer, [{ productId: product.id, quantity: 2 }], key);
    expect(replay).toEqual(values[0]);
  });

  it('the same key with another body is IDEMPOTENCY_KEY_REUSED, scoped to the user', async () => {
    const product = await createProduct(harness);
    const buyer = newUser();
    const key = newId();
    await placeOrder(harness, buyer, [{ productId: product.id, quantity: 1 }], key);
    const reused = await harness.failure(buyer, CommercePatterns.placeOrder, {
      items: [{ productId: product.id, quantity: 2 }],
      idempotencyKey: key,
    });
    expect(reused.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another user's key space is their own.
    await expect(
      placeOrder(harness, newUser(), [{ productId: product.id, quantity: 2 }], key),
    ).resolves.toMatchObject({
      totalCents: 5_000,
    });
  });

  it('replays a refusal too: the first answer stands', async () => {
    const product = await createProduct(harness, { stock: 0 });
    const buyer = newUser();
    const key = newId();
    const first = await harness.failure(buyer, CommercePatterns.placeOrder, {
      items: [{ productId: product.id, quantity: 1 }],
      idempotencyKey: key,
    });
    expect(first.code).toBe('INSUFFICIENT_STOCK');
    await harness.send(admin, CommercePatterns.setInventory, { productId: product.id, onHand: 5 });
    const again = await harness.failure(buyer, CommercePatterns.placeOrder, {
      items: [{ productId: product.id, quantity: 1 }],
      idempotencyKey: key,
    });
    expect(again).toMatchObject({ code: 'INSUFFICIENT_STOCK', message: first.message });
    await expect(placeOrder(harness, buyer, [{ productId: product.id, quantity: 1 }])).resolves.toMatchObject(
      { status: 'pending_payment' },
    );
  });
  it('a key held by a live request is IDEMPOTENCY_KEY_IN_USE; one held by a dead request is taken over', async () => {
    const product = await createProduct(harness);
    const buyer = newUser();
    const items = [{ productId: product.id, quantity: 1 }];
    const claim = (key: string, claimedAgo: string) =>
      harness.query(
        `INSERT INTO idempotency_keys (user_id, operation, key, request_hash, state, claimed_at)
         VALUES ($1, 'orders.place', $2, $3, 'in_progress', now() - $4::interval)`,
        [buyer.userId, key, hashRequest({ items }), claimedAgo],
      );
    const busy = newId();
    await claim(busy, '1 second');
    expect(
      await harness.failure(buyer, CommercePatterns.placeOrder, { items, idempotencyKey: busy }),
    ).toMatchObject({
      code: 'IDEMPOTENCY_KEY_IN_USE',
    });
    const abandoned = newId();
    await claim(abandoned, '10 minutes');
    await expect(placeOrder(harness, buyer, items, abandoned)).resolves.toMatchObject({
      status: 'pending_payment',
    });
    await expect(placeOrder(harness, buyer, items, abandoned)).resolves.toMatchObject({
      status: 'pending_payment',
    });
    expect(await harness.query(`SELECT id FROM orders WHERE user_id = $1`, [buyer.userId])).toHaveLength(1);
  });
});
