import { randomUUID } from 'node:crypto';
import { waitUntil } from '@platform/testing';
import { signWebhook } from '../../apps/commerce/src/payments/webhook-signature';
import { type Account } from '../support/accounts';
import { CommerceE2E } from './support/commerce-platform';
import { everyPaidCourseItemSettled } from './support/purchase-outcomes';
import { DECLINED, VISA } from './support/shop';

/**
 * From a published paid course to an enrollment and back, across identity, course and
 * commerce as real processes: course events make the product, commerce.order.paid makes the
 * enrollment, commerce.order.refunded ends it. The built-in processor posts its webhooks
 * through the gateway, as a real one would.
 */
let e2e: CommerceE2E;
let instructor: Account;

beforeAll(async () => {
  e2e = await CommerceE2E.start({ label: 'cm_course', withCourse: true, withWebhooks: true });
  [instructor] = await e2e.accounts(1, 'instructor');
});
afterAll(() => e2e?.close());

async function paidCourse(priceCents = 4_900, capacity: number | null = null) {
  const course = await e2e.courses.publishedCourse(instructor, { priceCents, capacity });
  const product = await e2e.shop.courseProduct(course.id);
  return { courseId: course.id, productId: product.id };
}

/** Polls the learner's enrollments until `accept`; bounded, a safety net rather than a speed test. */
function enrollmentOf(buyer: Account, courseId: string, accept: (status: string | undefined) => boolean) {
  return waitUntil(
    async () => (await e2e.courses.enrollmentsIn(buyer, courseId))[0],
    (enrollment) => accept(enrollment?.status),
    { timeoutMs: 5_000, intervalMs: 50, what: `the enrollment of ${buyer.id} in ${courseId}` },
  );
}

const seatsRemaining = async (courseId: string) =>
  (await e2e.courses.course(instructor, courseId)).seatsRemaining;

it('a published paid course gets its product through events, and its price follows the course', async () => {
  const course = await e2e.courses.publishedCourse(instructor, { priceCents: 4_900, currency: 'EUR' });
  const product = await e2e.shop.courseProduct(course.id);
  expect(product).toMatchObject({
    sku: `COURSE-${course.id}`,
    name: course.title,
    priceCents: 4_900,
    currency: 'EUR',
    courseId: course.id,
    ownerId: instructor.id,
    isActive: true,
    available: null,
  });

  await e2e.courses.setPrice(instructor, course.id, 5_900);
  await e2e.shop.courseProduct(course.id, (p) => p.priceCents === 5_900);

  // Its price is the course's to change, even for its owner.
  const patched = await e2e.http('PATCH', `/api/v1/products/${product.id}`, {
    token: instructor.accessToken,
    body: { priceCents: 100, version: (await e2e.shop.product(product.id)).body.version },
  });
  expect(patched.status).toBe(409);
});

it('paying for a course enrolls the buyer within seconds; a refund ends the enrollment and frees the seat', async () => {
  const { courseId, productId } = await paidCourse(4_900, 2);
  const [buyer] = await e2e.accounts(1);
  const order = await e2e.shop.buy(buyer, productId);
  expect(order.status).toBe('paid');

  const enrollment = await enrollmentOf(buyer, courseId, (status) => status === 'active');
  expect(enrollment).toMatchObject({ source: 'purchase', userId: buyer.id });
  expect(await seatsRemaining(courseId)).toBe(1);

  const refunded = await e2e.shop.refund(e2e.admin, order.id, { reason: 'Changed my mind' });
  expect(refunded.status).toBe(200);
  expect(refunded.body).toMatchObject({ status: 'refunded', refundedCents: 4_900 });
  expect(refunded.body.items[0].refundedAt).not.toBeNull();

  const ended = await enrollmentOf(buyer, courseId, (status) => status === 'refunded');
  expect(ended.endedAt).not.toBeNull();
  await waitUntil(
    () => seatsRemaining(courseId),
    (seats) => seats === 2,
    { what: 'the seat to return' },
  );
});

it('a declined card, then an approved one: one enrollment', async () => {
  const { courseId, productId } = await paidCourse();
  const [buyer] = await e2e.accounts(1);
  const placed = await e2e.shop.place(buyer, [{ productId }]);
  expect((await e2e.shop.pay(buyer, placed.body.id, DECLINED)).status).toBe(402);
  expect((await e2e.shop.pay(buyer, placed.body.id, VISA)).status).toBe(200);
  await enrollmentOf(buyer, courseId, (status) => status === 'active');
  expect(await e2e.courses.enrollmentsIn(buyer, courseId)).toHaveLength(1);
});

it('refunding one course of an order ends that enrollment only; the stock bought with it is consumed', async () => {
  const first = await paidCourse(2_000);
  const second = await paidCourse(3_000);
  const workbook = await e2e.shop.createProduct(e2e.admin, {
    sku: `WB-${Date.now()}`,
    priceCents: 500,
    stock: 4,
  });
  const [buyer] = await e2e.accounts(1);
  const placed = await e2e.shop.place(buyer, [
    { productId: first.productId },
    { productId: second.productId },
    { productId: workbook.body.id, quantity: 2 },
  ]);
  expect(placed.body.totalCents).toBe(6_000);
  const paid = await e2e.shop.pay(buyer, placed.body.id);
  expect(paid.status).toBe(200);
  expect((await e2e.shop.product(workbook.body.id)).body.available).toBe(2);
  await enrollmentOf(buyer, first.courseId, (status) => status === 'active');
  await enrollmentOf(buyer, second.courseId, (status) => status === 'active');

  const item = paid.body.items.find((line) => line.courseId === first.courseId);
  const refunded = await e2e.shop.refund(e2e.admin, placed.body.id, { orderItemIds: [item?.id as string] });
  expect(refunded.body).toMatchObject({ status: 'partially_refunded', refundedCents: 2_000 });
  await enrollmentOf(buyer, first.courseId, (status) => status === 'refunded');
  expect((await e2e.courses.enrollmentsIn(buyer, second.courseId))[0].status).toBe('active');
});

it('a partial goodwill refund keeps the enrollment', async () => {
  const { courseId, productId } = await paidCourse();
  const [buyer] = await e2e.accounts(1);
  const order = await e2e.shop.buy(buyer, productId);
  await enrollmentOf(buyer, courseId, (status) => status === 'active');
  const partial = await e2e.shop.refund(e2e.admin, order.id, { amountCents: 900, reason: 'Late start' });
  expect(partial.body).toMatchObject({ status: 'partially_refunded', refundedCents: 900 });
  // The refund event is handled like any other; the enrollment must still be active after it.
  await waitUntil(
    () => e2e.courseDb.rows('SELECT 1 FROM inbox WHERE type = $1', ['commerce.order.refunded']),
    (rows) => rows.length >= 2,
    { what: 'course to handle the goodwill refund' },
  );
  expect((await e2e.courses.enrollmentsIn(buyer, courseId))[0].status).toBe('active');
});

it('a buyer who paid twice for one course is enrolled once and refunded automatically for the other', async () => {
  const { courseId, productId } = await paidCourse(3_000, 10);
  const [buyer] = await e2e.accounts(1);
  const first = await e2e.shop.place(buyer, [{ productId }]);
  const second = await e2e.shop.place(buyer, [{ productId }]);
  expect([first.status, second.status]).toEqual([201, 201]);
  expect((await e2e.shop.pay(buyer, first.body.id)).status).toBe(200);
  await enrollmentOf(buyer, courseId, (status) => status === 'active');
  expect((await e2e.shop.pay(buyer, second.body.id)).status).toBe(200);

  const refunded = await waitUntil(
    async () => (await e2e.shop.order(buyer, second.body.id)).body,
    (order) => order.status === 'refunded',
    { timeoutMs: 10_000, what: 'the automatic refund of the second order' },
  );
  expect(refunded.refunds).toEqual([
    expect.objectContaining({ amountCents: 3_000, automaticReason: 'ALREADY_ENROLLED', status: 'succeeded' }),
  ]);
  expect(await e2e.courses.enrollmentsIn(buyer, courseId)).toEqual([
    expect.objectContaining({ status: 'active' }),
  ]);
  await waitUntil(
    () => seatsRemaining(courseId),
    (seats) => seats === 9,
    { what: 'the second seat to return' },
  );
});

describe("the processor's webhooks, through the gateway", () => {
  const post = (payload: string, headers: Record<string, string>, provider = 'test') =>
    fetch(`${e2e.platform.baseUrl}/api/v1/webhooks/payments/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: payload,
    });
  const sign = (payload: string) =>
    signWebhook('whsec_test_platform', payload, Math.floor(Date.now() / 1000));

  it('confirm every capture made so far, each event applied once', async () => {
    const captured = await waitUntil(
      () =>
        e2e.commerceDb.rows<{ confirmed: boolean }>(
          "SELECT confirmed_at IS NOT NULL AS confirmed FROM payments WHERE status = 'captured'",
        ),
      (rows) => rows.length > 0 && rows.every((row) => row.confirmed),
      { what: 'the capture webhooks to confirm every payment' },
    );
    expect(captured.length).toBeGreaterThanOrEqual(6);
    expect(e2e.ingress?.forwarded.every((delivery) => delivery.status === 200)).toBe(true);
    const events = await e2e.commerceDb.rows<{ type: string; outcome: string }>(
      'SELECT type, outcome FROM payment_webhook_events',
    );
    expect(events.filter((event) => event.type === 'payment.captured').length).toBe(captured.length);
    expect(events.some((event) => event.type === 'payment.declined')).toBe(true);
    expect(events.some((event) => event.type === 'refund.succeeded')).toBe(true);
  });

  it('a signed event is applied once: its redelivery is a duplicate', async () => {
    const [payment] = await e2e.commerceDb.rows<{
      id: string;
      provider_authorization_id: string;
      provider_capture_id: string;
    }>(
      "SELECT id, provider_authorization_id, provider_capture_id FROM payments WHERE status = 'captured' LIMIT 1",
    );
    // A space after the first comma: the signature covers these exact bytes, so a gateway that
    // re-serialised the parsed body (dropping the space) would be refused.
    const payload = `{"id":"evt_${randomUUID()}", "type":"payment.captured","data":{"reference":"${payment.id}","authorizationId":"${payment.provider_authorization_id}","captureId":"${payment.provider_capture_id}"}}`;
    const signature = sign(payload);
    const first = await post(payload, { 'processor-signature': signature });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'already_applied' });
    const again = await post(payload, { 'processor-signature': signature });
    expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
  });

  it('a tampered body, a missing signature or an unknown provider are refused; only JSON is read', async () => {
    const payload = `{"id":"evt_${randomUUID()}","type":"payment.captured","data":{"reference":"${randomUUID()}"}}`;
    const signature = sign(payload);
    const tampered = await post(payload.replace('captured', 'declined'), {
      'processor-signature': signature,
    });
    expect(tampered.status).toBe(401);
    expect((await post(payload, {})).status).toBe(401);
    expect((await post(payload, { 'processor-signature': signature }, 'paypal')).status).toBe(400);
    const text = await post(payload, { 'processor-signature': signature, 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    // A charset parameter is still JSON, and the bytes still reach commerce untouched.
    const withCharset = await post(payload, {
      'processor-signature': signature,
      'content-type': 'application/json; charset=utf-8',
    });
    expect(await withCharset.json()).toMatchObject({ outcome: 'ignored' });
  });
});

it('every paid course item ended enrolled or refunded', async () => {
  const items = await everyPaidCourseItemSettled(e2e);
  expect(items).toHaveLength(7);
});
