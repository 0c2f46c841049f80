import { isAppError } from '@platform/common';
import { waitUntil } from '@platform/testing';
import { type Account } from '../support/accounts';
import { CommerceE2E } from './support/commerce-platform';
import { everyPaidCourseItemSettled } from './support/purchase-outcomes';

/**
 * Seats never exceed capacity, paid and free together: holds (taken when an order is placed)
 * and enrollments share one counter in course, changed by one conditional UPDATE. And a
 * buyer who paid ends enrolled or refunded, always.
 */
let e2e: CommerceE2E;
let instructor: Account;

beforeAll(async () => {
  e2e = await CommerceE2E.start({ label: 'cm_seats', withCourse: true });
  [instructor] = await e2e.accounts(1, 'instructor');
});
afterAll(() => e2e?.close());

interface Seats extends Record<string, unknown> {
  seats_taken: number;
  active: number;
}

const seatsOf = (courseId: string) =>
  e2e.courseDb.one<Seats>(
    `SELECT c.seats_taken,
            (SELECT count(*)::int FROM enrollments e
              WHERE e.course_id = c.id AND e.status IN ('active', 'completed')) AS active
       FROM courses c WHERE c.id = $1`,
    [courseId],
  );

/** Reads seats taken and active enrollments as fast as it can while a race runs. */
function watchSeats(courseId: string) {
  const samples: Seats[] = [];
  let running = true;
  const loop = (async () => {
    while (running) samples.push(await seatsOf(courseId));
  })();
  return {
    async stop(): Promise<Seats[]> {
      running = false;
      await loop;
      return samples;
    },
  };
}

it('20 buyers race for 5 seats: 5 orders, 5 enrollments, the 15 others COURSE_FULL, never a sixth seat', async () => {
  const course = await e2e.courses.publishedCourse(instructor, { priceCents: 2_500, capacity: 5 });
  const { id: productId } = await e2e.shop.courseProduct(course.id);
  const buyers = await e2e.accounts(20);

  const watcher = watchSeats(course.id);
  const outcomes = await Promise.all(
    buyers.map(async (buyer) => {
      const placed = await e2e.shop.place(buyer, [{ productId }]);
      if (placed.status !== 201) return placed.body.error.code;
      const paid = await e2e.shop.pay(buyer, placed.body.id);
      return paid.status === 200 ? 'paid' : `pay ${paid.status}`;
    }),
  );
  const paidBuyers = buyers.filter((_, i) => outcomes[i] === 'paid');
  await waitUntil(
    () => seatsOf(course.id),
    (seats) => seats.active === 5,
    { what: 'the five paid buyers to be enrolled' },
  );
  const samples = await watcher.stop();

  expect(outcomes.filter((outcome) => outcome === 'paid')).toHaveLength(5);
  expect(outcomes.filter((outcome) => outcome !== 'paid')).toEqual(Array(15).fill('COURSE_FULL'));
  expect(Math.max(...samples.map((s) => s.seats_taken))).toBeLessThanOrEqual(5);
  expect(Math.max(...samples.map((s) => s.active))).toBeLessThanOrEqual(5);
  expect(await seatsOf(course.id)).toEqual({ seats_taken: 5, active: 5 });
  for (const buyer of paidBuyers) {
    expect(await e2e.courses.enrollmentsIn(buyer, course.id)).toEqual([
      expect.objectContaining({ status: 'active', source: 'purchase' }),
    ]);
  }
  expect((await e2e.courses.course(instructor, course.id)).seatsRemaining).toBe(0);
});

it('paid and free together: 4 held seats are paid while 10 students race for the course made free', async () => {
  const course = await e2e.courses.publishedCourse(instructor, { priceCents: 2_500, capacity: 5 });
  const { id: productId } = await e2e.shop.courseProduct(course.id);
  const buyers = await e2e.accounts(4);
  const orders = await Promise.all(buyers.map((buyer) => e2e.shop.place(buyer, [{ productId }])));
  expect(orders.map((order) => order.status)).toEqual([201, 201, 201, 201]);
  expect(await seatsOf(course.id)).toEqual({ seats_taken: 4, active: 0 });

  // The instructor makes the course free: it goes off sale, and anyone may enroll directly.
  await e2e.courses.setPrice(instructor, course.id, 0);
  await waitUntil(
    async () => (await e2e.shop.product(productId)).body.isActive,
    (active) => active === false,
    { what: 'the product to go off sale' },
  );
  const students = await e2e.accounts(10);
  const [late] = await e2e.accounts(1);

  const watcher = watchSeats(course.id);
  const [payments, enrollments, lateOrder] = await Promise.all([
    Promise.all(buyers.map((buyer, i) => e2e.shop.pay(buyer, orders[i].body.id))),
    Promise.all(
      students.map((student) =>
        e2e.courses.enroll(student, course.id).then(
          () => 'enrolled',
          (error: unknown) => (isAppError(error) ? error.code : String(error)),
        ),
      ),
    ),
    e2e.shop.place(late, [{ productId }]),
  ]);
  await waitUntil(
    () => seatsOf(course.id),
    (seats) => seats.active === 5,
    {
      what: 'four paid and one free enrollment',
    },
  );
  const samples = await watcher.stop();

  expect(payments.map((payment) => payment.status)).toEqual([200, 200, 200, 200]);
  expect(enrollments.filter((outcome) => outcome === 'enrolled')).toHaveLength(1);
  expect(enrollments.filter((outcome) => outcome !== 'enrolled')).toEqual(Array(9).fill('COURSE_FULL'));
  expect(lateOrder.status).toBe(409);
  expect(lateOrder.body.error.code).toBe('PRODUCT_UNAVAILABLE');
  expect(Math.max(...samples.map((s) => s.seats_taken))).toBeLessThanOrEqual(5);
  expect(Math.max(...samples.map((s) => s.active))).toBeLessThanOrEqual(5);
  expect(await seatsOf(course.id)).toEqual({ seats_taken: 5, active: 5 });
});

it('every paid order of these races ended enrolled (none needed a refund)', async () => {
  const items = await everyPaidCourseItemSettled(e2e);
  expect(items).toHaveLength(9);
  expect(items.every((item) => !item.refunded && item.enrollment === 'active')).toBe(true);
});
