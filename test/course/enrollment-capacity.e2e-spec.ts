import { type CourseDetailView, type EnrollmentView } from '@platform/contracts';
import { type Account, registerAccount, signInAdmin } from '../support/accounts';
import { E2EPlatform } from '../support/platform';
import { api, enroll, expectStatus, publishedCourse, registerMany, statusCounts } from './support/course-api';
import { queryCourseDatabase } from './support/course-database';

let platform: E2EPlatform;
let instructor: Account;
let students: Account[];

beforeAll(async () => {
  platform = await E2EPlatform.start({
    label: 'course_capacity',
    services: ['identity', 'course'],
    // 60 registrations from one IP; and a slow shared machine must not turn a seat into a 504.
    gatewayEnv: { RATE_LIMIT_AUTH_MAX: '500', SERVICE_TIMEOUT_MS: '30000' },
  });
  instructor = await registerAccount(platform.http, 'instructor');
  students = await registerMany(platform.http, 55);
});
afterAll(() => platform?.close());

async function seats(courseId: string): Promise<{ seats_taken: number; seated: number }> {
  const [row] = await queryCourseDatabase<{ seats_taken: number; seated: number }>(
    platform,
    `SELECT c.seats_taken,
            (SELECT count(*)::int FROM enrollments e
              WHERE e.course_id = c.id AND e.status IN ('active', 'completed')) AS seated
       FROM courses c WHERE c.id = $1`,
    [courseId],
  );
  return row;
}

it('50 concurrent enrollments into 10 seats: exactly 10 succeed, 40 are COURSE_FULL; a drop frees one seat', async () => {
  const { http } = platform;
  const course = await publishedCourse(http, instructor, { capacity: 10 });
  const crowd = students.slice(0, 50);

  const results = await Promise.all(
    crowd.map((student) =>
      http<EnrollmentView>('POST', api(`/courses/${course.id}/enrollments`), { token: student.accessToken }),
    ),
  );
  expect(statusCounts(results)).toEqual({ 201: 10, 409: 40 });
  for (const refused of results.filter((res) => res.status === 409)) {
    expect(refused.body).toMatchObject({ error: { code: 'COURSE_FULL' } });
  }
  expect(await seats(course.id)).toEqual({ seats_taken: 10, seated: 10 });
  const full = await expectStatus<CourseDetailView>(http, 200, 'GET', `/courses/${course.id}`);
  expect(full.body).toMatchObject({ capacity: 10, seatsRemaining: 0, enrollmentCount: 10 });

  // One learner drops: the seat goes back, once, and exactly one more learner gets in.
  const winner = crowd[results.findIndex((res) => res.status === 201)];
  const dropped = results.find((res) => res.status === 201)!.body;
  await expectStatus(http, 204, 'DELETE', `/enrollments/${dropped.id}`, { token: winner.accessToken });
  const again = await http('DELETE', api(`/enrollments/${dropped.id}`), { token: winner.accessToken });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('INVALID_STATE');
  expect(await seats(course.id)).toEqual({ seats_taken: 9, seated: 9 });

  const losers = crowd.filter((_, i) => results[i].status === 409);
  const second = await Promise.all(
    losers
      .slice(0, 5)
      .map((student) =>
        http('POST', api(`/courses/${course.id}/enrollments`), { token: student.accessToken }),
      ),
  );
  expect(statusCounts(second)).toEqual({ 201: 1, 409: 4 });
  expect(await seats(course.id)).toEqual({ seats_taken: 10, seated: 10 });
  const view = await expectStatus<EnrollmentView>(http, 200, 'GET', `/enrollments/${dropped.id}`, {
    token: winner.accessToken,
  });
  expect(view.body).toMatchObject({ status: 'dropped', endedAt: expect.any(String) });
});

it('the same learner enrolling five times at once gets one enrollment and ALREADY_ENROLLED four times', async () => {
  const { http } = platform;
  const course = await publishedCourse(http, instructor, { capacity: null });
  const learner = students[50];
  const results = await Promise.all(
    Array.from({ length: 5 }, () =>
      http('POST', api(`/courses/${course.id}/enrollments`), { token: learner.accessToken }),
    ),
  );
  expect(statusCounts(results)).toEqual({ 201: 1, 409: 4 });
  for (const refused of results.filter((res) => res.status === 409)) {
    expect(refused.body.error.code).toBe('ALREADY_ENROLLED');
  }
  expect(await seats(course.id)).toEqual({ seats_taken: 1, seated: 1 });
  const unlimited = await expectStatus<CourseDetailView>(http, 200, 'GET', `/courses/${course.id}`);
  expect(unlimited.body).toMatchObject({ capacity: null, seatsRemaining: null, enrollmentCount: 1 });
});

it('a paid course is 402 PAYMENT_REQUIRED; the instructor cannot enroll in their own; a draft is 404', async () => {
  const { http } = platform;
  const learner = students[51];
  const paid = await publishedCourse(http, instructor, { priceCents: 4_900 });
  const payment = await http('POST', api(`/courses/${paid.id}/enrollments`), { token: learner.accessToken });
  expect(payment.status).toBe(402);
  expect(payment.body.error).toMatchObject({
    code: 'PAYMENT_REQUIRED',
    details: { courseId: paid.id, priceCents: 4_900, currency: 'USD' },
  });
  expect(await seats(paid.id)).toEqual({ seats_taken: 0, seated: 0 });

  const free = await publishedCourse(http, instructor);
  const own = await http('POST', api(`/courses/${free.id}/enrollments`), { token: instructor.accessToken });
  expect(own.status).toBe(403);
  const draft = await expectStatus<CourseDetailView>(http, 201, 'POST', '/courses', {
    token: instructor.accessToken,
    body: { title: 'Not yet', level: 'beginner', priceCents: 0 },
  });
  const early = await http('POST', api(`/courses/${draft.body.id}/enrollments`), {
    token: learner.accessToken,
  });
  expect(early.status).toBe(404);
  const anonymous = await http('POST', api(`/courses/${free.id}/enrollments`));
  expect(anonymous.status).toBe(401);
});

it("only the learner (or an admin) drops an enrollment; others cannot read or drop someone else's", async () => {
  const { http } = platform;
  const course = await publishedCourse(http, instructor);
  const [learner, stranger] = [students[52], students[53]];
  const enrollmentId = await enroll(http, learner, course.id);
  const peek = await http('GET', api(`/enrollments/${enrollmentId}`), { token: stranger.accessToken });
  expect(peek.status).toBe(403);
  const drop = await http('DELETE', api(`/enrollments/${enrollmentId}`), { token: stranger.accessToken });
  expect(drop.status).toBe(403);
  // The course owner sees the learner's enrollment (the roster), but cannot drop it either.
  await expectStatus(http, 200, 'GET', `/enrollments/${enrollmentId}`, { token: instructor.accessToken });
  expect(
    (await http('DELETE', api(`/enrollments/${enrollmentId}`), { token: instructor.accessToken })).status,
  ).toBe(403);
  expect(await seats(course.id)).toEqual({ seats_taken: 1, seated: 1 });
  const admin = await signInAdmin(http);
  await expectStatus(http, 204, 'DELETE', `/enrollments/${enrollmentId}`, { token: admin.accessToken });
  expect(await seats(course.id)).toEqual({ seats_taken: 0, seated: 0 });
});
