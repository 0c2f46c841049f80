import { type CourseDetailView, type CourseView, type Page, type ReviewView } from '@platform/contracts';
import { type Account, registerAccount } from '../support/accounts';
import { E2EPlatform } from '../support/platform';
import { api, enroll, expectStatus, publishedCourse, registerMany, statusCounts } from './support/course-api';
import { queryCourseDatabase } from './support/course-database';

let platform: E2EPlatform;
let instructor: Account;
let students: Account[];

beforeAll(async () => {
  platform = await E2EPlatform.start({
    label: 'course_reviews',
    services: ['identity', 'course'],
    gatewayEnv: { RATE_LIMIT_AUTH_MAX: '500', SERVICE_TIMEOUT_MS: '30000' },
  });
  instructor = await registerAccount(platform.http, 'instructor');
  students = await registerMany(platform.http, 24);
});
afterAll(() => platform?.close());

/** 7×5 + 6×4 + 4×3 + 2×2 + 1×1 = 76 over 20 reviews: 3.8. */
const RATINGS = [...Array(7).fill(5), ...Array(6).fill(4), ...Array(4).fill(3), 2, 2, 1] as number[];

async function rating(courseId: string): Promise<Pick<CourseDetailView, 'ratingAvg' | 'ratingCount'>> {
  const course = await expectStatus<CourseDetailView>(platform.http, 200, 'GET', `/courses/${courseId}`);
  return { ratingAvg: course.body.ratingAvg, ratingCount: course.body.ratingCount };
}

function review(learner: Account, courseId: string, stars: number) {
  return platform.http('POST', api(`/courses/${courseId}/reviews`), {
    token: learner.accessToken,
    body: { rating: stars, body: `${stars} stars` },
  });
}

it('20 concurrent reviews leave the exact average and count; a second review by the same learner is 409', async () => {
  const { http } = platform;
  const course = await publishedCourse(http, instructor);
  const reviewers = students.slice(0, 20);
  await Promise.all(reviewers.map((learner) => enroll(http, learner, course.id)));

  const results = await Promise.all(reviewers.map((learner, i) => review(learner, course.id, RATINGS[i])));
  expect(statusCounts(results)).toEqual({ 201: 20 });
  expect(await rating(course.id)).toEqual({ ratingAvg: 3.8, ratingCount: 20 });
  const [row] = await queryCourseDatabase<{ rating_sum: number; reviews: number }>(
    platform,
    `SELECT rating_sum, (SELECT count(*)::int FROM reviews WHERE course_id = $1) AS reviews FROM courses WHERE id = $1`,
    [course.id],
  );
  expect(row).toEqual({ rating_sum: 76, reviews: 20 });
  const page = await expectStatus<Page<ReviewView>>(
    http,
    200,
    'GET',
    `/courses/${course.id}/reviews?limit=5`,
  );
  expect(page.body).toMatchObject({ total: 20, limit: 5, offset: 0 });
  expect(page.body.items).toHaveLength(5);

  const twice = await review(reviewers[0], course.id, 1);
  expect(twice.status).toBe(409);
  expect(twice.body.error.code).toBe('ALREADY_EXISTS');
  // A learner sending the same review five times at once gets it counted once.
  const eager = students[20];
  await enroll(http, eager, course.id);
  const burst = await Promise.all(Array.from({ length: 5 }, () => review(eager, course.id, 5)));
  expect(statusCounts(burst)).toEqual({ 201: 1, 409: 4 });
  expect(await rating(course.id)).toEqual({ ratingAvg: 3.86, ratingCount: 21 }); // 81 / 21 = 3.857…
});

it('the instructor cannot review their own course (403), nor can a learner without a seat', async () => {
  const { http } = platform;
  const course = await publishedCourse(http, instructor);
  const own = await review(instructor, course.id, 5);
  expect(own.status).toBe(403);
  expect(own.body.error.code).toBe('FORBIDDEN');
  const stranger = await review(students[21], course.id, 1);
  expect(stranger.status).toBe(403);
  expect(await rating(course.id)).toEqual({ ratingAvg: 0, ratingCount: 0 });
});

it('an edited or deleted review moves the rating, and the catalog filters and sorts on it', async () => {
  const { http } = platform;
  const loved = await publishedCourse(http, instructor, { title: 'Loved' });
  const meh = await publishedCourse(http, instructor, { title: 'Meh' });
  const [first, second] = [students[22], students[23]];
  for (const learner of [first, second]) {
    await enroll(http, learner, loved.id);
    await enroll(http, learner, meh.id);
  }
  const firstReview = (await review(first, loved.id, 3)).body as ReviewView;
  await review(second, loved.id, 5);
  await review(first, meh.id, 2);
  expect(await rating(loved.id)).toEqual({ ratingAvg: 4, ratingCount: 2 });

  await expectStatus(http, 200, 'PATCH', `/reviews/${firstReview.id}`, {
    token: first.accessToken,
    body: { rating: 4 },
  });
  expect(await rating(loved.id)).toEqual({ ratingAvg: 4.5, ratingCount: 2 });
  const byOther = await http('PATCH', api(`/reviews/${firstReview.id}`), {
    token: second.accessToken,
    body: { rating: 1 },
  });
  expect(byOther.status).toBe(403);

  const good = await expectStatus<Page<CourseView>>(http, 200, 'GET', '/courses?minRating=4');
  expect(good.body.items.map((c) => c.title)).toEqual(['Loved']);
  const sorted = await expectStatus<Page<CourseView>>(http, 200, 'GET', '/courses?sort=rating');
  const ratings = sorted.body.items.map((c) => c.ratingAvg);
  expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
  expect(sorted.body.items.map((c) => c.title)).toEqual(['Loved', 'Test course', 'Meh', 'Test course']);

  await expectStatus(http, 204, 'DELETE', `/reviews/${firstReview.id}`, { token: first.accessToken });
  expect(await rating(loved.id)).toEqual({ ratingAvg: 5, ratingCount: 1 });
});
