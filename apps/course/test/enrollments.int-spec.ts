import { ConflictError, ForbiddenError, NotFoundError, PaymentRequiredError } from '@platform/common';
import { CoursePatterns } from '@platform/contracts';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { createCourse, publishedCourse } from './support/fixtures';

let app: CourseTestApp;
let instructor: TestUser;
let admin: TestUser;

beforeAll(async () => {
  app = await CourseTestApp.start('enrollments');
  instructor = await app.user('Donald Knuth', 'instructor');
  admin = await app.user('Admin', 'admin');
});

afterAll(() => app.close());

const seatsTaken = async (courseId: string): Promise<number> =>
  (
    await app.dataSource.query<
      {
        seats_taken: number;
      }[]
    >('SELECT seats_taken FROM courses WHERE id = $1', [courseId])
  )[0].seats_taken;

describe('capacity', () => {
  it('lets exactly 10 of 50 concurrent learners into a course of 10; a drop frees one seat', async () => {
    const { course } = await publishedCourse(app, instructor, { capacity: 10 });
    const learners = await Promise.all(Array.from({ length: 50 }, (_, i) => app.user(`Learner ${i}`)));
    const outcomes = await Promise.allSettled(
      learners.map((learner) => app.send(learner, CoursePatterns.enroll, { courseId: course.id })),
    );
    const enrolled = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as ConflictError] : []));
    expect(enrolled).toHaveLength(10);
    expect(refused).toHaveLength(40);
    expect(refused.every((e) => e instanceof ConflictError && e.code === 'COURSE_FULL')).toBe(true);
    expect(await seatsTaken(course.id)).toBe(10);
    const [{ count }] = await app.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM enrollments WHERE course_id = $1 AND status = 'active'`,
      [course.id],
    );
    expect(count).toBe(10);
    expect((await app.send(null, CoursePatterns.getCourse, { courseId: course.id })).seatsRemaining).toBe(0);

    // One drops: exactly one more of five latecomers gets in, then it is full again.
    const index = outcomes.findIndex((o) => o.status === 'fulfilled');
    const dropped = (outcomes[index] as PromiseFulfilledResult<{ id: string }>).value;
    await app.send(learners[index], CoursePatterns.dropEnrollment, { enrollmentId: dropped.id });
    expect(await seatsTaken(course.id)).toBe(9);
    const latecomers = learners.filter((_, i) => outcomes[i].status === 'rejected').slice(0, 5);
    const second = await Promise.allSettled(
      latecomers.map((learner) => app.send(learner, CoursePatterns.enroll, { courseId: course.id })),
    );
    expect(second.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await seatsTaken(course.id)).toBe(10);
  });

  it('counts an unlimited course without ever refusing', async () => {
    const { course } = await publishedCourse(app, instructor, { capacity: null });
    const learners = await Promise.all(Array.from({ length: 15 }, (_, i) => app.user(`Unlimited ${i}`)));
    await Promise.all(
      learners.map((learner) => app.send(learner, CoursePatterns.enroll, { courseId: course.id })),
    );
    const view = await app.send(null, CoursePatterns.getCourse, { courseId: course.id });
    expect(view).toMatchObject({ seatsRemaining: null, enrollmentCount: 15 });
  });
});

describe('who may enroll', () => {
  it('refuses a second enrollment, a paid course, the instructor, drafts and archived courses', async () => {
    const student = await app.user('Eager Student');
    const { course } = await publishedCourse(app, instructor);
    const enrollment = await app.send(student, CoursePatterns.enroll, { courseId: course.id });
    expect(enrollment).toMatchObject({
      courseId: course.id,
      userId: student.userId,
      status: 'active',
      source: 'free',
    });
    expect(await app.failure(student, CoursePatterns.enroll, { courseId: course.id })).toMatchObject({
      code: 'ALREADY_ENROLLED',
    });

    const paid = (await publishedCourse(app, instructor, { priceCents: 2500, currency: 'EUR' })).course;
    const payment = await app.failure(student, CoursePatterns.enroll, { courseId: paid.id });
    expect(payment).toBeInstanceOf(PaymentRequiredError);
    expect(payment).toMatchObject({
      code: 'PAYMENT_REQUIRED',
      details: { priceCents: 2500, currency: 'EUR' },
    });

    expect(await app.failure(instructor, CoursePatterns.enroll, { courseId: course.id })).toBeInstanceOf(
      ForbiddenError,
    );
    const draft = await createCourse(app, instructor);
    expect(await app.failure(student, CoursePatterns.enroll, { courseId: draft.id })).toBeInstanceOf(
      NotFoundError,
    );
    const archived = (await publishedCourse(app, instructor)).course;
    await app.send(instructor, CoursePatterns.archiveCourse, { courseId: archived.id });
    expect(await app.failure(student, CoursePatterns.enroll, { courseId: archived.id })).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await app.failure(null, CoursePatterns.enroll, { courseId: course.id })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('dropping and reading enrollments', () => {
  it('lets the learner or an admin drop once, frees the seat, and allows enrolling again', async () => {
    const { course } = await publishedCourse(app, instructor, { capacity: 3 });
    const learner = await app.user('Dropper');
    const stranger = await app.user('Stranger');
    const first = await app.send(learner, CoursePatterns.enroll, { courseId: course.id });
    expect(
      await app.failure(stranger, CoursePatterns.dropEnrollment, { enrollmentId: first.id }),
    ).toBeInstanceOf(ForbiddenError);
    await app.send(learner, CoursePatterns.dropEnrollment, { enrollmentId: first.id });
    expect(
      await app.failure(learner, CoursePatterns.dropEnrollment, { enrollmentId: first.id }),
    ).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await seatsTaken(course.id)).toBe(0);
    const second = await app.send(learner, CoursePatterns.enroll, { courseId: course.id });
    await app.send(admin, CoursePatterns.dropEnrollment, { enrollmentId: second.id });
    const dropped = await app.outbox('course.enrollment.dropped');
    expect(dropped.filter((e) => e.data.courseId === course.id).map((e) => e.data.reason)).toEqual([
      'dropped',
      'dropped',
    ]);
    const mine = await app.send(learner, CoursePatterns.listMyEnrollments, { status: 'dropped' });
    expect(mine.items.map((e) => e.id).sort()).toEqual([first.id, second.id].sort());
    expect(mine.items[0].endedAt).not.toBeNull();
  });

  it('shows an enrollment to the learner, the course owner and admins only; the roster to the owner', async () => {
    const { course } = await publishedCourse(app, instructor);
    const learner = await app.user('Reader');
    const stranger = await app.user('Nosy', 'instructor');
    const enrollment = await app.send(learner, CoursePatterns.enroll, { courseId: course.id });
    for (const viewer of [learner, instructor, admin]) {
      expect((await app.send(viewer, CoursePatterns.getEnrollment, { enrollmentId: enrollment.id })).id).toBe(
        enrollment.id,
      );
    }
    expect(
      await app.failure(stranger, CoursePatterns.getEnrollment, { enrollmentId: enrollment.id }),
    ).toBeInstanceOf(ForbiddenError);
    const roster = await app.send(instructor, CoursePatterns.listCourseEnrollments, { courseId: course.id });
    expect(roster.items.map((e) => e.userId)).toEqual([learner.userId]);
    expect(
      await app.failure(stranger, CoursePatterns.listCourseEnrollments, { courseId: course.id }),
    ).toBeInstanceOf(ForbiddenError);
    const [created] = (await app.outbox('course.enrollment.created')).filter(
      (e) => e.aggregateId === enrollment.id,
    );
    expect(created.data).toEqual({
      enrollmentId: enrollment.id,
      courseId: course.id,
      userId: learner.userId,
      source: 'free',
      orderId: null,
      orderItemId: null,
    });
  });
});
