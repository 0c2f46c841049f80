import { setTimeout as sleep } from 'node:timers/promises';
import { waitUntil } from '@platform/testing';
import { type Account } from '../support/accounts';
import { CommerceE2E } from './support/commerce-platform';
import { everyPaidCourseItemSettled } from './support/purchase-outcomes';

/**
 * The enrollment consumer (the course process) dies with SIGKILL — no shutdown hooks, like
 * a crash or an OOM kill — before and in the middle of handling commerce.order.paid, and
 * comes back. JetStream redelivers what was not acked; the inbox row committed with the
 * enrollment makes a redelivery a no-op. Each paid order still ends with exactly one
 * enrollment, one seat and one course.enrollment.created.
 */
let e2e: CommerceE2E;
let instructor: Account;
let courseId: string;
let productId: string;

beforeAll(async () => {
  e2e = await CommerceE2E.start({ label: 'cm_crash', withCourse: true });
  [instructor] = await e2e.accounts(1, 'instructor');
  courseId = (await e2e.courses.publishedCourse(instructor, { priceCents: 1_900, capacity: 50 })).id;
  productId = (await e2e.shop.courseProduct(courseId)).id;
});
afterAll(() => e2e?.close());

const course = () => e2e.platform.service('course');

async function crashCourse(): Promise<void> {
  await course().stop('SIGKILL');
}

/** The course's own record of one order item: enrollments, its created events, the inbox entries. */
async function courseRecordOf(orderItemId: string) {
  const [row] = await e2e.courseDb.rows<{ enrollments: number; created_events: number }>(
    `SELECT (SELECT count(*)::int FROM enrollments WHERE order_item_id = $1) AS enrollments,
            (SELECT count(*)::int FROM outbox
              WHERE type = 'course.enrollment.created' AND envelope->'data'->>'orderItemId' = $1::text)
              AS created_events`,
    [orderItemId],
  );
  return row;
}

const seats = () =>
  e2e.courseDb.one<{ seats_taken: number; enrollment_count: number; active: number }>(
    `SELECT seats_taken, enrollment_count,
            (SELECT count(*)::int FROM enrollments WHERE course_id = $1 AND status = 'active') AS active
       FROM courses WHERE id = $1`,
    [courseId],
  );

it('placing a course order while course is down is 503, and holds nothing once course is back', async () => {
  const [buyer] = await e2e.accounts(1);
  await crashCourse();
  try {
    const refused = await e2e.shop.place(buyer, [{ productId }]);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(refused.headers.get('retry-after')).not.toBeNull();
  } finally {
    await course().start();
  }
  const placed = await e2e.shop.place(buyer, [{ productId }]);
  expect(placed.status).toBe(201);
  expect((await e2e.shop.cancel(buyer, placed.body.id)).status).toBe(200);
  await waitUntil(seats, (s) => s.seats_taken === 0, { what: 'the seat of the canceled order to return' });
});

it('course dead while the order is paid: on restart the buyer is enrolled exactly once', async () => {
  const [buyer] = await e2e.accounts(1);
  const placed = await e2e.shop.place(buyer, [{ productId }]);
  await crashCourse();
  const paid = await e2e.shop.pay(buyer, placed.body.id);
  expect(paid.status).toBe(200);
  const orderItemId = paid.body.items[0].id;
  // Nobody enrolls while course is down: the event waits in the stream.
  await sleep(500);
  expect(await courseRecordOf(orderItemId)).toEqual({ enrollments: 0, created_events: 0 });

  await course().start();
  await waitUntil(
    () => courseRecordOf(orderItemId),
    (record) => record.enrollments === 1,
    { timeoutMs: 15_000, what: 'the enrollment after the restart' },
  );
  expect(await e2e.courses.enrollmentsIn(buyer, courseId)).toEqual([
    expect.objectContaining({ status: 'active', source: 'purchase' }),
  ]);
  expect(await courseRecordOf(orderItemId)).toEqual({ enrollments: 1, created_events: 1 });
});

it('paid and refunded while course is down: not enrolled in the end, the seat given back', async () => {
  const [buyer] = await e2e.accounts(1);
  const placed = await e2e.shop.place(buyer, [{ productId }]);
  const before = await seats();
  await crashCourse();
  const paid = await e2e.shop.pay(buyer, placed.body.id);
  const refunded = await e2e.shop.refund(e2e.admin, placed.body.id, { reason: 'Bought by mistake' });
  expect(refunded.body.status).toBe('refunded');
  await course().start();

  // Course sees order.paid and order.refunded through separate consumers, in either order.
  const orderItemId = paid.body.items[0].id;
  await waitUntil(seats, (s) => s.seats_taken === before.seats_taken - 1, {
    what: 'the held seat to be given back',
  });
  const enrollments = await e2e.courseDb.rows<{ status: string }>(
    'SELECT status FROM enrollments WHERE order_item_id = $1',
    [orderItemId],
  );
  expect(enrollments.every((enrollment) => enrollment.status === 'refunded')).toBe(true);
  expect(await e2e.courses.enrollmentsIn(buyer, courseId)).not.toContainEqual(
    expect.objectContaining({ status: 'active' }),
  );
});

it('killed in the middle of handling payments, at several moments: every order enrolled once', async () => {
  // After each batch of payments returns, course dies this many ms later: before the relay
  // published, while the handler runs, between its commit and its ack, or after.
  const killAfterMs = [0, 5, 15, 30, 60, 120];
  const orderItemIds: string[] = [];
  for (const delay of killAfterMs) {
    const buyers = await e2e.accounts(3);
    const orders = await Promise.all(buyers.map((buyer) => e2e.shop.place(buyer, [{ productId }])));
    const payments = await Promise.all(buyers.map((buyer, i) => e2e.shop.pay(buyer, orders[i].body.id)));
    expect(payments.map((payment) => payment.status)).toEqual([200, 200, 200]);
    orderItemIds.push(...payments.map((payment) => payment.body.items[0].id));
    await sleep(delay);
    await crashCourse();
    await course().start();
  }

  const records = await waitUntil(
    () => Promise.all(orderItemIds.map(courseRecordOf)),
    (all) => all.every((record) => record.enrollments === 1),
    { timeoutMs: 30_000, what: 'every paid order to be enrolled after the crashes' },
  );
  expect(records).toEqual(orderItemIds.map(() => ({ enrollments: 1, created_events: 1 })));
  // The seat counter moved once per enrollment, whatever was redelivered: 18 + the earlier one.
  expect(await seats()).toEqual({ seats_taken: 19, enrollment_count: 19, active: 19 });
  const settled = await everyPaidCourseItemSettled(e2e);
  expect(settled).toHaveLength(20); // and the refunded one
}, 180_000); // six restarts of a service process
