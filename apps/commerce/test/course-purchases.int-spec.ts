import { newId } from '@platform/common';
import { CommercePatterns } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { EnrollmentRejected, type EventData } from '@platform/events';
import { RefundRetryService } from '../src/refunds/refund-retry.service';
import { RefundsHandlers } from '../src/refunds/refunds.handlers';
import { CommerceHarness, type TestUser, newUser } from './support/commerce-harness';
import { envelope, publishedCourse as publish } from './support/course-events';
import { createProduct, payOrder, placeOrder, tally } from './support/fixtures';

let harness: CommerceHarness;

beforeAll(async () => {
  harness = await CommerceHarness.start('course_purchases', { SEAT_HOLD_TIMEOUT_MS: '500' });
});

afterAll(async () => {
  await harness?.close();
});

const instructor = newUser('instructor');
const publishedCourse = (priceCents?: number, capacity?: number) =>
  publish(harness, instructor, priceCents, capacity);

describe('buying a course', () => {
  it("holds a seat in the buyer's name for the order item until the order expires", async () => {
    const product = await publishedCourse();
    const buyer = newUser();
    const order = await placeOrder(harness, buyer, [{ productId: product.id, quantity: 1 }]);
    const hold = harness.seats.double.holds.get(order.items[0].id);
    expect(hold).toMatchObject({
      courseId: product.courseId,
      userId: buyer.userId,
      orderId: order.id,
      orderItemId: order.items[0].id,
      expiresAt: order.expiresAt,
    });
    const placed = (await harness.outbox('commerce.order.placed')).find(
      (row) => row.aggregateId === order.id,
    );
    expect(placed?.data.items).toEqual([
      {
        orderItemId: order.items[0].id,
        productId: product.id,
        courseId: product.courseId,
        quantity: 1,
        unitPriceCents: 4_900,
      },
    ]);
    const paid = await payOrder(harness, buyer, order.id);
    const event = (await harness.outbox('commerce.order.paid')).find((row) => row.aggregateId === order.id);
    expect(event?.data).toMatchObject({
      paymentId: paid.paymentId,
      items: [expect.objectContaining({ courseId: product.courseId })],
    });
    expect(
      await harness.failure(buyer, CommercePatterns.placeOrder, {
        items: [{ productId: product.id, quantity: 2 }],
        idempotencyKey: newId(),
      }),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'items[0].quantity' })],
    });
  });

  it('a full course fails the order with COURSE_FULL and reserves nothing', async () => {
    const product = await publishedCourse(4_900, 0);
    const book = await createProduct(harness, { stock: 3 });
    const refused = await harness.failure(newUser(), CommercePatterns.placeOrder, {
      items: [
        { productId: book.id, quantity: 2 },
        { productId: product.id, quantity: 1 },
      ],
      idempotencyKey: newId(),
    });
    expect(refused).toMatchObject({
      code: 'COURSE_FULL',
      details: { courseId: product.courseId, productId: product.id },
    });
    expect(await harness.stockOf(book.id)).toEqual({ on_hand: 3, reserved: 0 });
    expect(await harness.query(`SELECT id FROM order_items WHERE product_id = $1`, [product.id])).toEqual([]);
  });

  it('an enrolled buyer gets ALREADY_ENROLLED; a course that course no longer offers is PRODUCT_UNAVAILABLE', async () => {
    const product = await publishedCourse();
    const buyer = newUser();
    harness.seats.double.enrolled.add(`${product.courseId}:${buyer.userId}`);
    expect(
      await harness.failure(buyer, CommercePatterns.placeOrder, {
        items: [{ productId: product.id, quantity: 1 }],
        idempotencyKey: newId(),
      }),
    ).toMatchObject({
      code: 'ALREADY_ENROLLED',
    });
    harness.seats.double.capacity.delete(product.courseId as string);
    expect(
      await harness.failure(newUser(), CommercePatterns.placeOrder, {
        items: [{ productId: product.id, quantity: 1 }],
        idempotencyKey: newId(),
      }),
    ).toMatchObject({
      code: 'PRODUCT_UNAVAILABLE',
    });
  });

  it('when a later course refuses, the seats already held are released through order.canceled', async () => {
    const open = await publishedCourse();
    const full = await publishedCourse(4_900, 0);
    const buyer = newUser();
    const refused = await harness.failure(buyer, CommercePatterns.placeOrder, {
      items: [
        { productId: open.id, quantity: 1 },
        { productId: full.id, quantity: 1 },
      ],
      idempotencyKey: newId(),
    });
    expect(refused.code).toBe('COURSE_FULL');
    const [abandoned] = await harness.query<{ id: string; status: string; cancel_reason: string }>(
      `SELECT id, status, cancel_reason FROM orders WHERE user_id = $1`,
      [buyer.userId],
    );
    expect(abandoned).toMatchObject({ status: 'canceled', cancel_reason: 'COURSE_FULL' });
    const [canceled] = (await harness.outbox('commerce.order.canceled')).filter(
      (row) => row.aggregateId === abandoned.id,
    );
    expect(canceled.data).toMatchObject({ reason: 'COURSE_FULL', canceledBy: 'customer' });
    expect((canceled.data.items as { courseId: string }[]).map((item) => item.courseId).sort()).toEqual(
      [open.courseId, full.courseId].sort(),
    );
  });

  it('a course that does not answer in time fails the order with TIMEOUT and releases any hold', async () => {
    const product = await publishedCourse();
    harness.seats.double.slow.add(product.courseId as string);
    const buyer = newUser();
    const refused = await harness.failure(buyer, CommercePatterns.placeOrder, {
      items: [{ productId: product.id, quantity: 1 }],
      idempotencyKey: newId(),
    });
    expect(refused.code).toBe('TIMEOUT');
    const [abandoned] = await harness.query<{ id: string; cancel_reason: string }>(
      `SELECT id, cancel_reason FROM orders WHERE user_id = $1`,
      [buyer.userId],
    );
    expect(abandoned.cancel_reason).toBe('TIMEOUT');
    expect(
      (await harness.outbox('commerce.order.canceled')).some((row) => row.aggregateId === abandoned.id),
    ).toBe(true);
    harness.seats.double.slow.clear();
  });

  it('20 buyers racing for 5 seats: 5 orders, the rest COURSE_FULL', async () => {
    const product = await publishedCourse(4_900, 5);
    const { values, errors } = await tally(
      Array.from({ length: 20 }, () =>
        placeOrder(harness, newUser(), [{ productId: product.id, quantity: 1 }]),
      ),
    );
    expect(values).toHaveLength(5);
    expect(errors).toEqual({ COURSE_FULL: 15 });
    expect(harness.seats.double.holdsOf(product.courseId as string)).toBe(5);
  });
});

describe('enrollment rejected after payment', () => {
  const reject = (data: EventData<typeof EnrollmentRejected>) =>
    runInTransaction(() =>
      harness.get(RefundsHandlers).onEnrollmentRejected(envelope('course.enrollment.rejected', data)),
    );

  async function paidCourseOrder(buyer: TestUser) {
    const product = await publishedCourse(4_900);
    const book = await createProduct(harness, { priceCents: 1_100 });
    const order = await placeOrder(harness, buyer, [
      { productId: product.id, quantity: 1 },
      { productId: book.id, quantity: 1 },
    ]);
    return payOrder(harness, buyer, order.id);
  }

  it('refunds the course item automatically, with an event saying why, once', async () => {
    const buyer = newUser();
    const order = await paidCourseOrder(buyer);
    const courseItem = order.items.find((item) => item.courseId !== null)!;
    const data = {
      courseId: courseItem.courseId as string,
      userId: buyer.userId,
      orderId: order.id,
      orderItemId: courseItem.id,
      reason: 'COURSE_FULL' as const,
    };
    await reject(data);
    const after = await harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id });
    expect(after).toMatchObject({ status: 'partially_refunded', refundedCents: 4_900 });
    expect(after.refunds).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        automaticReason: 'COURSE_FULL',
        orderItemIds: [courseItem.id],
      }),
    ]);
    const [event] = (await harness.outbox('commerce.order.refunded')).filter(
      (row) => row.aggregateId === order.id,
    );
    expect(event.data).toMatchObject({
      automaticReason: 'COURSE_FULL',
      amountCents: 4_900,
      fullyRefunded: false,
      revokedItems: [expect.objectContaining({ orderItemId: courseItem.id, courseId: courseItem.courseId })],
    });
    // Delivered again (say its inbox row was lost): nothing more is refunded.
    await reject(data);
    expect(
      (await harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id })).refunds,
    ).toHaveLength(1);
    expect(
      (await harness.outbox('commerce.order.refunded')).filter((row) => row.aggregateId === order.id),
    ).toHaveLength(1);
  });

  it('stays pending when the processor is down, and the retry job finishes it', async () => {
    const buyer = newUser();
    const order = await paidCourseOrder(buyer);
    const courseItem = order.items.find((item) => item.courseId !== null)!;
    harness.processor.injectFault('refund', 'before');
    await reject({
      courseId: courseItem.courseId as string,
      userId: buyer.userId,
      orderId: order.id,
      orderItemId: courseItem.id,
      reason: 'COURSE_UNAVAILABLE',
    });
    const pending = await harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id });
    expect(pending.refunds).toEqual([
      expect.objectContaining({ status: 'pending', automaticReason: 'COURSE_UNAVAILABLE' }),
    ]);
    await harness.query(`UPDATE refunds SET next_check_at = now() WHERE order_id = $1`, [order.id]);
    await harness.get(RefundRetryService).retryDue();
    expect(await harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id })).toMatchObject({
      status: 'partially_refunded',
      refundedCents: 4_900,
    });
  });
});
