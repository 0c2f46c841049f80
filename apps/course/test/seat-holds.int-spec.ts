import { ConflictError, newId } from '@platform/common';
import { CoursePatterns, type HoldSeatRequest, SeatPatterns } from '@platform/contracts';
import { PurchasesHandlers } from '../src/purchases/purchases.handlers';
import { SeatHoldSweeper } from '../src/seats/seat-hold-sweeper';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { createCourse, publishedCourse } from './support/fixtures';
import { courseItem, deliver, order, paid } from './support/orders';

let app: CourseTestApp;
let instructor: TestUser;

beforeAll(async () => {
  app = await CourseTestApp.start('seat_holds', { SEAT_HOLD_GRACE_MINUTES: '10' });
  instructor = await app.user('Barbara', 'instructor');
});

afterAll(() => app.close());

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const paidCourse = async (capacity: number | null) =>
  (await publishedCourse(app, instructor, { priceCents: 4900, capacity })).course;
const seatsTaken = async (courseId: string) =>
  (
    await app.dataSource.query<
      {
        seats_taken: number;
      }[]
    >('SELECT seats_taken FROM courses WHERE id = $1', [courseId])
  )[0].seats_taken;

function request(
  courseId: string,
  buyer: TestUser,
  overrides: Partial<HoldSeatRequest> = {},
): HoldSeatRequest {
  return {
    courseId,
    userId: buyer.userId,
    orderId: newId(),
    orderItemId: newId(),
    expiresAt: inAnHour(),
    ...overrides,
  };
}

describe('holding a seat', () => {
  it('holds one seat per order item, answering a repeat with the same hold', async () => {
    const course = await paidCourse(3);
    const buyer = await app.user('Repeat asker');
    const ask = request(course.id, buyer);
    const holds = await Promise.all(Array.from({ length: 5 }, () => app.send(buyer, SeatPatterns.hold, ask)));
    expect(new Set(holds.map((h) => h.holdId)).size).toBe(1);
    expect(await seatsTaken(course.id)).toBe(1);
    const other = await paidCourse(3);
    expect(await app.failure(buyer, SeatPatterns.hold, { ...ask, courseId: other.id })).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('refuses a stranger, a free course, a draft, a past expiry, a full course and a buyer already enrolled', async () => {
    const buyer = await app.user('Picky buyer');
    const course = await paidCourse(1);
    expect(
      await app.failure(await app.user('Not the buyer'), SeatPatterns.hold, request(course.id, buyer)),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    const free = (await publishedCourse(app, instructor)).course;
    expect(await app.failure(buyer, SeatPatterns.hold, request(free.id, buyer))).toMatchObject({
      code: 'INVALID_STATE',
    });
    const draft = await createCourse(app, instructor, { priceCents: 100 });
    expect(await app.failure(buyer, SeatPatterns.hold, request(draft.id, buyer))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await app.failure(
        buyer,
        SeatPatterns.hold,
        request(course.id, buyer, { expiresAt: new Date(Date.now() - 1000).toISOString() }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });

    const o = order(buyer.userId, courseItem(course.id));
    await deliver(paid(o), (e) => app.get(PurchasesHandlers).onOrderPaid(e));
    expect(await app.failure(buyer, SeatPatterns.hold, request(course.id, buyer))).toMatchObject({
      code: 'ALREADY_ENROLLED',
    });
    const late = await app.user('Late');
    expect(await app.failure(late, SeatPatterns.hold, request(course.id, late))).toMatchObject({
      code: 'COURSE_FULL',
    });
  });

  it('lets an admin hold for a buyer', async () => {
    const course = await paidCourse(2);
    const admin = await app.user('Support', 'admin');
    const buyer = await app.user('Helped buyer');
    expect((await app.send(admin, SeatPatterns.hold, request(course.id, buyer))).courseId).toBe(course.id);
  });
});

describe('shared capacity', () => {
  it('never exceeds capacity when holds and payments without a hold race for the last seats', async () => {
    const course = await paidCourse(10);
    const buyers = await Promise.all(Array.from({ length: 30 }, (_, i) => app.user(`Racer ${i}`)));
    const outcomes = await Promise.allSettled(
      buyers.map((buyer, i) =>
        i % 2 === 0
          ? app.send(buyer, SeatPatterns.hold, request(course.id, buyer))
          : deliver(paid(order(buyer.userId, courseItem(course.id))), (e) =>
              app.get(PurchasesHandlers).onOrderPaid(e),
            ),
      ),
    );
    const heldOk = outcomes.filter((o, i) => i % 2 === 0 && o.status === 'fulfilled').length;
    const heldFull = outcomes.filter(
      (o, i) => i % 2 === 0 && o.status === 'rejected' && (o.reason as ConflictError).code === 'COURSE_FULL',
    ).length;
    const [{ enrolled }] = await app.dataSource.query<{ enrolled: number }[]>(
      `SELECT count(*)::int AS enrolled FROM enrollments WHERE course_id = $1 AND status = 'active'`,
      [course.id],
    );
    const rejected = (await app.outbox('course.enrollment.rejected')).filter(
      (e) => e.data.courseId === course.id,
    );
    expect(heldOk + enrolled).toBe(10);
    expect(heldOk + heldFull).toBe(15);
    expect(enrolled + rejected.length).toBe(15);
    expect(rejected.every((e) => e.data.reason === 'COURSE_FULL')).toBe(true);
    expect(await seatsTaken(course.id)).toBe(10);
  });

  it('never exceeds capacity when free enrollments and holds race while the course turns paid', async () => {
    const free = (await publishedCourse(app, instructor, { capacity: 10 })).course;
    const people = await Promise.all(Array.from({ length: 40 }, (_, i) => app.user(`Mixed ${i}`)));
    const attempt = (person: TestUser, i: number): Promise<unknown> =>
      i % 2 === 0
        ? app.send(person, CoursePatterns.enroll, { courseId: free.id })
        : app.send(person, SeatPatterns.hold, request(free.id, person));
    // The price change goes out in the middle of the race.
    const race = [
      ...people.slice(0, 20).map(attempt),
      app.send(instructor, CoursePatterns.updateCourse, {
        courseId: free.id,
        priceCents: 1500,
        version: free.version,
      }),
      ...people.slice(20).map(attempt),
    ];
    await Promise.allSettled(race);
    const [{ enrolled, held }] = await app.dataSource.query<{ enrolled: number; held: number }[]>(
      `SELECT (SELECT count(*)::int FROM enrollments WHERE course_id = $1 AND status = 'active') AS enrolled,
              (SELECT count(*)::int FROM seat_holds WHERE course_id = $1 AND status = 'held') AS held`,
      [free.id],
    );
    expect(enrolled + held).toBe(await seatsTaken(free.id));
    expect(enrolled + held).toBeLessThanOrEqual(10);
    // Whatever is left goes to holds until the course is full, and not one seat further.
    const more = await Promise.allSettled(
      Array.from({ length: 12 }, async () => {
        const buyer = await app.user('Topper');
        return app.send(buyer, SeatPatterns.hold, request(free.id, buyer));
      }),
    );
    expect(more.filter((o) => o.status === 'fulfilled')).toHaveLength(10 - enrolled - held);
    expect(await seatsTaken(free.id)).toBe(10);
  });
});

describe('the sweeper', () => {
  it('frees seats of holds whose order expired more than the grace period ago, and only those', async () => {
    const course = await paidCourse(5);
    const [stale, fresh] = await Promise.all([app.user('Abandoned cart'), app.user('Still paying')]);
    const staleHold = await app.send(stale, SeatPatterns.hold, request(course.id, stale));
    await app.send(fresh, SeatPatterns.hold, request(course.id, fresh));
    const [row] = await app.dataSource.query<{ expires_at: Date; release_after: Date }[]>(
      'SELECT expires_at, release_after FROM seat_holds WHERE id = $1',
      [staleHold.holdId],
    );
    expect(row.release_after.getTime() - row.expires_at.getTime()).toBe(10 * 60_000);
    // The order expired 11 minutes ago (moved back rather than waited for).
    await app.dataSource.query(
      `UPDATE seat_holds SET expires_at = now() - interval '11 minutes', release_after = now() - interval '1 minute'
       WHERE id = $1`,
      [staleHold.holdId],
    );
    const sweeper = app.get(SeatHoldSweeper);
    const [first, second] = await Promise.all([sweeper.sweep(), sweeper.sweep()]);
    expect(first + second).toBe(1);
    expect(await seatsTaken(course.id)).toBe(1);
    expect(await sweeper.sweep()).toBe(0);
  });
});
