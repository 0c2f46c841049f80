import { newId } from '@platform/common';
import { CoursePatterns, SeatPatterns } from '@platform/contracts';
import { waitUntil } from '@platform/testing';
import { PurchasesHandlers } from '../src/purchases/purchases.handlers';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { publishedCourse } from './support/fixtures';
import {
  type TestOrder,
  canceled,
  courseItem,
  deliver,
  expired,
  order,
  paid,
  refunded,
} from './support/orders';

let app: CourseTestApp;
let handlers: PurchasesHandlers;
let instructor: TestUser;

beforeAll(async () => {
  app = await CourseTestApp.start('purchases');
  handlers = app.get(PurchasesHandlers);
  instructor = await app.user('Bjarne', 'instructor');
});

afterAll(() => app.close());

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const paidCourse = async (capacity: number | null = 5) =>
  (await publishedCourse(app, instructor, { priceCents: 4900, currency: 'EUR', capacity })).course;

const seats = async (courseId: string) =>
  (
    await app.dataSource.query<
      {
        seats_taken: number;
        enrollment_count: number;
      }[]
    >('SELECT seats_taken, enrollment_count FROM courses WHERE id = $1', [courseId])
  )[0];

function holdFor(buyer: TestUser, o: TestOrder, index = 0) {
  const item = o.items[index];
  return app.send(buyer, SeatPatterns.hold, {
    courseId: item.courseId as string,
    userId: o.userId,
    orderId: o.orderId,
    orderItemId: item.orderItemId,
    expiresAt: inAnHour(),
  });
}

const enrollmentsOf = async (courseId: string) =>
  await app.dataSource.query<
    { user_id: string; status: string; source: string; order_item_id: string | null }[]
  >(
    'SELECT user_id, status, source, order_item_id FROM enrollments WHERE course_id = $1 ORDER BY created_at',
    [courseId],
  );

/** Sessions of this test's database waiting for a row lock. */
const lockWaiters = async () =>
  (
    await app.dataSource.query<{ waiting: number }[]>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )
  )[0].waiting;

const rejections = async (orderItemId: string) =>
  (await app.outbox('course.enrollment.rejected')).filter((e) => e.data.orderItemId === orderItemId);

describe('order paid', () => {
  it('turns a held seat into an enrollment, once, however often the event comes', async () => {
    const course = await paidCourse();
    const buyer = await app.user('Buyer');
    const o = order(buyer.userId, courseItem(course.id));
    const hold = await holdFor(buyer, o);
    expect(hold).toMatchObject({ courseId: course.id, orderItemId: o.items[0].orderItemId });
    expect(await seats(course.id)).toEqual({ seats_taken: 1, enrollment_count: 0 });

    const event = paid(o);
    await deliver(event, (e) => handlers.onOrderPaid(e));
    await deliver(event, (e) => handlers.onOrderPaid(e));
    await deliver(paid(o), (e) => handlers.onOrderPaid(e)); // a second publication of the same fact

    expect(await enrollmentsOf(course.id)).toEqual([
      { user_id: buyer.userId, status: 'active', source: 'purchase', order_item_id: o.items[0].orderItemId },
    ]);
    expect(await seats(course.id)).toEqual({ seats_taken: 1, enrollment_count: 1 });
    const created = (await app.outbox('course.enrollment.created')).filter(
      (e) => e.data.courseId === course.id,
    );
    expect(created).toHaveLength(1);
    expect(created[0].data).toMatchObject({
      source: 'purchase',
      orderId: o.orderId,
      orderItemId: o.items[0].orderItemId,
    });
    const mine = await app.send(buyer, CoursePatterns.listMyEnrollments, {});
    expect(mine.items[0]).toMatchObject({ courseId: course.id, source: 'purchase' });
  });

  it('enrolls without a hold while a seat is free, and rejects (for a refund) when there is none', async () => {
    const course = await paidCourse(1);
    const [first, second] = await Promise.all([app.user('Lucky'), app.user('Unlucky')]);
    const lucky = order(first.userId, courseItem(course.id));
    const unlucky = order(second.userId, courseItem(course.id));
    await deliver(paid(lucky), (e) => handlers.onOrderPaid(e));
    await deliver(paid(unlucky), (e) => handlers.onOrderPaid(e));
    await deliver(paid(unlucky), (e) => handlers.onOrderPaid(e));
    expect((await enrollmentsOf(course.id)).map((e) => e.user_id)).toEqual([first.userId]);
    const rejected = await rejections(unlucky.items[0].orderItemId);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].data).toEqual({
      courseId: course.id,
      userId: second.userId,
      orderId: unlucky.orderId,
      orderItemId: unlucky.items[0].orderItemId,
      reason: 'COURSE_FULL',
    });
  });

  it('rejects an item of a course gone from sale, and a buyer already enrolled (giving the hold back)', async () => {
    const course = await paidCourse();
    const buyer = await app.user('Double buyer');
    const firstOrder = order(buyer.userId, courseItem(course.id));
    const secondOrder = order(buyer.userId, courseItem(course.id));
    await holdFor(buyer, firstOrder);
    await holdFor(buyer, secondOrder);
    expect((await seats(course.id)).seats_taken).toBe(2);
    await deliver(paid(firstOrder), (e) => handlers.onOrderPaid(e));
    await deliver(paid(secondOrder), (e) => handlers.onOrderPaid(e));
    expect((await rejections(secondOrder.items[0].orderItemId))[0].data.reason).toBe('ALREADY_ENROLLED');
    expect(await seats(course.id)).toEqual({ seats_taken: 1, enrollment_count: 1 });

    const retired = await paidCourse();
    await app.send(instructor, CoursePatterns.archiveCourse, { courseId: retired.id });
    const late = order((await app.user('Late buyer')).userId, courseItem(retired.id));
    await deliver(paid(late), (e) => handlers.onOrderPaid(e));
    expect((await rejections(late.items[0].orderItemId))[0].data.reason).toBe('COURSE_UNAVAILABLE');
  });

  it('ignores lines that are not courses', async () => {
    const buyer = await app.user('Merch buyer');
    const o = order(buyer.userId, { ...courseItem(newId()), courseId: null });
    await deliver(paid(o), (e) => handlers.onOrderPaid(e));
    expect(await app.send(buyer, CoursePatterns.listMyEnrollments, {})).toMatchObject({ total: 0 });
  });
});

describe('order canceled, expired, refunded', () => {
  it('releases the held seats of a canceled or expired order, once', async () => {
    const course = await paidCourse(2);
    const [a, b] = await Promise.all([app.user('Canceler'), app.user('Forgetter')]);
    const cancelMe = order(a.userId, courseItem(course.id));
    const expireMe = order(b.userId, courseItem(course.id));
    await holdFor(a, cancelMe);
    await holdFor(b, expireMe);
    expect(
      await app.failure(await app.user('Third'), SeatPatterns.hold, {
        courseId: course.id,
        userId: (await app.user('x')).userId,
        orderId: newId(),
        orderItemId: newId(),
        expiresAt: inAnHour(),
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const event = canceled(cancelMe);
    await deliver(event, (e) => handlers.onOrderCanceled(e));
    await deliver(event, (e) => handlers.onOrderCanceled(e));
    expect((await seats(course.id)).seats_taken).toBe(1);
    await deliver(expired(expireMe), (e) => handlers.onOrderExpired(e));
    expect((await seats(course.id)).seats_taken).toBe(0);
    // Paid after all (a late payment): the seat is taken again if one is free.
    await deliver(paid(cancelMe), (e) => handlers.onOrderPaid(e));
    expect((await enrollmentsOf(course.id)).map((e) => e.user_id)).toEqual([a.userId]);
    expect((await seats(course.id)).seats_taken).toBe(1);
  });

  it('ends the enrollment of a refunded item, frees its seat and revokes its certificate, once', async () => {
    const { course, lessons } = await publishedCourse(app, instructor, { priceCents: 900, capacity: 3 }, 1);
    const buyer = await app.user('Refund seeker');
    const o = order(buyer.userId, courseItem(course.id));
    await deliver(paid(o), (e) => handlers.onOrderPaid(e));
    const [enrollment] = (await app.send(buyer, CoursePatterns.listMyEnrollments, {})).items;
    const done = await app.send(buyer, CoursePatterns.completeLesson, {
      enrollmentId: enrollment.id,
      lessonId: lessons[0].id,
    });
    expect(done.status).toBe('completed');
    const code = done.certificateCode as string;

    const event = refunded(o);
    await deliver(event, (e) => handlers.onOrderRefunded(e));
    await deliver(event, (e) => handlers.onOrderRefunded(e));
    const after = await app.send(buyer, CoursePatterns.getEnrollment, { enrollmentId: enrollment.id });
    expect(after).toMatchObject({ status: 'refunded', certificateCode: null });
    expect(after.endedAt).not.toBeNull();
    expect(await seats(course.id)).toEqual({ seats_taken: 0, enrollment_count: 0 });
    expect((await app.send(null, CoursePatterns.verifyCertificate, { code })).status).toBe('revoked');
    const dropped = (await app.outbox('course.enrollment.dropped')).filter(
      (e) => e.aggregateId === enrollment.id,
    );
    expect(dropped.map((e) => e.data.reason)).toEqual(['refunded']);
  });

  it('ends the enrollment when the refund is handled while the payment is still being handled', async () => {
    const course = await paidCourse();
    const buyer = await app.user('Racer');
    const o = order(buyer.userId, courseItem(course.id));
    await holdFor(buyer, o);

    // order.paid's handler has enrolled the buyer and keeps its transaction open.
    let enrolled!: () => void;
    let commitPayment!: () => void;
    const paymentEnrolled = new Promise<void>((resolve) => (enrolled = resolve));
    const paymentMayCommit = new Promise<void>((resolve) => (commitPayment = resolve));
    const payment = deliver(paid(o), async (e) => {
      await handlers.onOrderPaid(e);
      enrolled();
      await paymentMayCommit;
    });
    await paymentEnrolled;
    // order.refunded's handler (another consumer) runs until it waits for a lock held by the payment.
    const refund = deliver(refunded(o), (e) => handlers.onOrderRefunded(e));
    await waitUntil(lockWaiters, (waiting) => waiting > 0, { what: 'the refund to wait for the payment' });
    commitPayment();
    await Promise.all([payment, refund]);

    expect(await enrollmentsOf(course.id)).toEqual([expect.objectContaining({ status: 'refunded' })]);
    expect(await seats(course.id)).toEqual({ seats_taken: 0, enrollment_count: 0 });
  });

  it('never enrolls an item refunded before its payment was processed here', async () => {
    const course = await paidCourse();
    const buyer = await app.user('Out of order');
    const o = order(buyer.userId, courseItem(course.id));
    await holdFor(buyer, o);
    await deliver(refunded(o), (e) => handlers.onOrderRefunded(e));
    expect((await seats(course.id)).seats_taken).toBe(0);
    await deliver(paid(o), (e) => handlers.onOrderPaid(e));
    expect(await enrollmentsOf(course.id)).toEqual([]);
    expect(await rejections(o.items[0].orderItemId)).toEqual([]);
    // Without any hold at all, the same.
    const other = order(buyer.userId, courseItem(course.id));
    await deliver(refunded(other), (e) => handlers.onOrderRefunded(e));
    await deliver(paid(other), (e) => handlers.onOrderPaid(e));
    expect(await enrollmentsOf(course.id)).toEqual([]);
  });
});
