import { newId } from '@platform/common';
import { CommercePatterns, type OrderView } from '@platform/contracts';
import { OrderExpiryService } from '../src/orders/order-expiry.service';
import { CommerceHarness, newUser } from './support/commerce-harness';
import { admin, createProduct, payFailure, payOrder, placeOrder, tally } from './support/fixtures';

let harness: CommerceHarness;

beforeAll(async () => {
  harness = await CommerceHarness.start('order_lifecycle');
});

afterAll(async () => {
  await harness?.close();
});

const stockOf = (productId: string) => harness.stockOf(productId);

/** Lets time pass for one order: its expiry moves into the past. */
const makeDue = (orderId: string): Promise<unknown> =>
  harness.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [orderId]);

describe('canceling and expiring', () => {
  it('cancel releases the reservation, once; then every change is INVALID_STATE', async () => {
    const product = await createProduct(harness, { stock: 3 });
    const buyer = newUser();
    const order = await placeOrder(harness, buyer, [{ productId: product.id, quantity: 3 }]);
    expect(await stockOf(product.id)).toEqual({ on_hand: 3, reserved: 3 });
    const canceled = await harness.send(buyer, CommercePatterns.cancelOrder, { orderId: order.id });
    expect(canceled).toMatchObject({ status: 'canceled', cancelReason: 'CUSTOMER' });
    expect(await stockOf(product.id)).toEqual({ on_hand: 3, reserved: 0 });
    const again = await harness.failure(buyer, CommercePatterns.cancelOrder, { orderId: order.id });
    expect(again).toMatchObject({ code: 'INVALID_STATE', details: { status: 'canceled' } });
    expect(await payFailure(harness, buyer, order.id)).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await stockOf(product.id)).toEqual({ on_hand: 3, reserved: 0 });
    const events = (await harness.outbox('commerce.order.canceled')).filter(
      (row) => row.aggregateId === order.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({
      canceledBy: 'customer',
      items: [expect.objectContaining({ quantity: 3 })],
    });
  });

  it('concurrent cancels of one order release its stock exactly once', async () => {
    const product = await createProduct(harness, { stock: 4 });
    const buyer = newUser();
    const order = await placeOrder(harness, buyer, [{ productId: product.id, quantity: 4 }]);
    const { values, errors } = await tally(
      Array.from({ length: 8 }, () =>
        harness.send(buyer, CommercePatterns.cancelOrder, { orderId: order.id }),
      ),
    );
    expect(values).toHaveLength(1);
    expect(errors).toEqual({ INVALID_STATE: 7 });
    expect(await stockOf(product.id)).toEqual({ on_hand: 4, reserved: 0 });
  });

  it('cannot cancel a paid order', async () => {
    const buyer = newUser();
    const order = await placeOrder(harness, buyer, [
      { productId: (await createProduct(harness)).id, quantity: 1 },
    ]);
    await payOrder(harness, buyer, order.id);
    expect(await harness.failure(buyer, CommercePatterns.cancelOrder, { orderId: order.id })).toMatchObject({
      code: 'INVALID_STATE',
      details: { status: 'paid', allowedStatuses: ['pending_payment'] },
    });
  });

  it('expiry returns the stock, with sweepers racing as on several replicas, each order once', async () => {
    const product = await createProduct(harness, { stock: 30 });
    const orders: OrderView[] = [];
    for (let i = 0; i < 30; i += 1)
      orders.push(await placeOrder(harness, newUser(), [{ productId: product.id, quantity: 1 }]));
    const keptAlive = await placeOrder(harness, newUser(), [
      { productId: (await createProduct(harness, { stock: 1 })).id, quantity: 1 },
    ]);
    await Promise.all(orders.map((order) => makeDue(order.id)));
    const sweeper = harness.get(OrderExpiryService);
    const counts = await Promise.all([sweeper.expireDue(), sweeper.expireDue(), sweeper.expireDue()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    expect(await stockOf(product.id)).toEqual({ on_hand: 30, reserved: 0 });
    const ids = new Set(orders.map((order) => order.id));
    const expired = (await harness.outbox('commerce.order.expired')).filter((row) =>
      ids.has(row.aggregateId),
    );
    expect(expired).toHaveLength(30);
    expect((await harness.send(admin, CommercePatterns.getOrder, { orderId: orders[0].id })).status).toBe(
      'expired',
    );
    expect((await harness.send(admin, CommercePatterns.getOrder, { orderId: keptAlive.id })).status).toBe(
      'pending_payment',
    );
    const owner = { userId: orders[0].userId, roles: ['student' as const] };
    expect(
      await harness.failure(owner, CommercePatterns.cancelOrder, { orderId: orders[0].id }),
    ).toMatchObject({
      code: 'INVALID_STATE',
      details: { status: 'expired' },
    });
  });

  it('an order past its time cannot be paid even before the sweeper ran', async () => {
    const buyer = newUser();
    const order = await placeOrder(harness, buyer, [
      { productId: (await createProduct(harness)).id, quantity: 1 },
    ]);
    await makeDue(order.id);
    expect(await payFailure(harness, buyer, order.id)).toMatchObject({
      code: 'INVALID_STATE',
      details: { status: 'expired' },
    });
    expect(await harness.query(`SELECT id FROM payments WHERE order_id = $1`, [order.id])).toEqual([]);
  });
});

describe('reading orders', () => {
  it('is for the buyer and admins; an admin cancel is recorded as such', async () => {
    const buyer = newUser();
    const stranger = newUser();
    const order = await placeOrder(harness, buyer, [
      { productId: (await createProduct(harness)).id, quantity: 1 },
    ]);
    await expect(
      harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id }),
    ).resolves.toMatchObject({ id: order.id });
    await expect(
      harness.send(admin, CommercePatterns.getOrder, { orderId: order.id }),
    ).resolves.toMatchObject({ id: order.id });
    expect(await harness.failure(stranger, CommercePatterns.getOrder, { orderId: order.id })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await harness.failure(stranger, CommercePatterns.cancelOrder, { orderId: order.id }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await payFailure(harness, stranger, order.id)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await harness.failure(buyer, CommercePatterns.getOrder, { orderId: newId() })).toMatchObject({
      code: 'NOT_FOUND',
    });
    const canceled = await harness.send(admin, CommercePatterns.cancelOrder, { orderId: order.id });
    expect(canceled.cancelReason).toBe('ADMIN');
  });

  it("lists the caller's own orders, newest first, filtered by status", async () => {
    const buyer = newUser();
    const product = await createProduct(harness);
    const first = await placeOrder(harness, buyer, [{ productId: product.id, quantity: 1 }]);
    const second = await placeOrder(harness, buyer, [{ productId: product.id, quantity: 2 }]);
    await placeOrder(harness, newUser(), [{ productId: product.id, quantity: 1 }]);
    await harness.send(buyer, CommercePatterns.cancelOrder, { orderId: first.id });
    const page = await harness.send(buyer, CommercePatterns.listMyOrders, {});
    expect(page).toMatchObject({ total: 2, limit: 20, offset: 0 });
    expect(page.items.map((order) => order.id)).toEqual([second.id, first.id]);
    const canceled = await harness.send(buyer, CommercePatterns.listMyOrders, { status: 'canceled' });
    expect(canceled.items.map((order) => order.id)).toEqual([first.id]);
    expect(
      await harness.failure(buyer, CommercePatterns.listMyOrders, { status: 'lost' } as never),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
