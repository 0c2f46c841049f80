import { uniqueTestToken, waitUntil } from '@platform/testing';
import { type Account } from '../support/accounts';
import { CommerceE2E } from './support/commerce-platform';

/**
 * Unpaid orders give back what they hold: stock in commerce, and the course seat course
 * held for them (released on commerce.order.expired / .canceled through real events).
 * Orders here live 3 seconds.
 */
let e2e: CommerceE2E;
let instructor: Account;
let buyer: Account;
let workbookId: string;
let courseId: string;
let courseProductId: string;

beforeAll(async () => {
  e2e = await CommerceE2E.start({
    label: 'cm_expiry',
    withCourse: true,
    env: { ORDER_TTL_SECONDS: '3' },
  });
  [instructor] = await e2e.accounts(1, 'instructor');
  [buyer] = await e2e.accounts(1);
  const workbook = await e2e.shop.createProduct(e2e.admin, {
    sku: uniqueTestToken('WB').toUpperCase(),
    priceCents: 900,
    stock: 5,
  });
  workbookId = workbook.body.id;
  courseId = (await e2e.courses.publishedCourse(instructor, { priceCents: 2_000, capacity: 3 })).id;
  courseProductId = (await e2e.shop.courseProduct(courseId)).id;
});
afterAll(() => e2e?.close());

const available = async (productId: string) => (await e2e.shop.product(productId)).body.available;
const seatsRemaining = async () => (await e2e.courses.course(instructor, courseId)).seatsRemaining;

function placeBoth() {
  return e2e.shop.place(buyer, [
    { productId: workbookId, quantity: 2 },
    { productId: courseProductId, quantity: 1 },
  ]);
}

it('an order holds stock and a seat; canceling gives both back', async () => {
  const placed = await placeBoth();
  expect(placed.status).toBe(201);
  expect(await available(workbookId)).toBe(3);
  expect(await seatsRemaining()).toBe(2);

  const canceled = await e2e.shop.cancel(buyer, placed.body.id);
  expect(canceled.status).toBe(200);
  expect(await available(workbookId)).toBe(5);
  await waitUntil(seatsRemaining, (seats) => seats === 3, { what: 'the held seat to be released' });
});

it('an unpaid order expires and gives both back; it can no longer be paid or canceled', async () => {
  const placed = await placeBoth();
  expect(placed.status).toBe(201);
  expect(await available(workbookId)).toBe(3);
  expect(await seatsRemaining()).toBe(2);

  const expired = await waitUntil(
    async () => (await e2e.shop.order(buyer, placed.body.id)).body,
    (order) => order.status === 'expired',
    { timeoutMs: 20_000, intervalMs: 200, what: 'the order to expire' },
  );
  expect(expired.expiredAt).not.toBeNull();
  expect(await available(workbookId)).toBe(5);
  await waitUntil(seatsRemaining, (seats) => seats === 3, { what: 'the held seat to be released' });

  const pay = await e2e.shop.pay(buyer, placed.body.id);
  expect(pay.status).toBe(409);
  expect(pay.body.error.code).toBe('INVALID_STATE');
  expect((await e2e.shop.cancel(buyer, placed.body.id)).status).toBe(409);
  const payments = await e2e.commerceDb.rows('SELECT id FROM payments WHERE order_id = $1', [placed.body.id]);
  expect(payments).toHaveLength(0);
});
