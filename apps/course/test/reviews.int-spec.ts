import { DuplicateKeyError, ForbiddenError, NotFoundError, ValidationError } from '@platform/common';
import { CoursePatterns } from '@platform/contracts';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { publishedCourse } from './support/fixtures';

let app: CourseTestApp;
let instructor: TestUser;

beforeAll(async () => {
  app = await CourseTestApp.start('reviews');
  instructor = await app.user('Tony Hoare', 'instructor');
});

afterAll(() => app.close());

async function enrolledLearners(courseId: string, count: number): Promise<TestUser[]> {
  const learners = await Promise.all(Array.from({ length: count }, (_, i) => app.user(`Reviewer ${i}`)));
  for (const learner of learners) await app.send(learner, CoursePatterns.enroll, { courseId });
  return learners;
}

const ratingOf = async (courseId: string) => {
  const course = await app.send(null, CoursePatterns.getCourse, { courseId });
  return { ratingAvg: course.ratingAvg, ratingCount: course.ratingCount };
};

describe('reviews', () => {
  it('keeps the average and count exact under 20 concurrent reviews', async () => {
    const { course } = await publishedCourse(app, instructor);
    const learners = await enrolledLearners(course.id, 20);
    const ratings = [5, 4, 3, 5, 1, 2, 5, 4, 4, 3, 5, 5, 2, 1, 4, 3, 5, 4, 3, 2];
    await Promise.all(
      learners.map((learner, i) =>
        app.send(learner, CoursePatterns.createReview, {
          courseId: course.id,
          rating: ratings[i],
          body: `Take ${i}`,
        }),
      ),
    );
    const sum = ratings.reduce((a, b) => a + b, 0);
    expect(await ratingOf(course.id)).toEqual({
      ratingAvg: Math.round((sum / 20) * 100) / 100,
      ratingCount: 20,
    });
    const [row] = await app.dataSource.query<{ rating_sum: number; rating_count: number }[]>(
      'SELECT rating_sum, rating_count FROM courses WHERE id = $1',
      [course.id],
    );
    expect(row).toEqual({ rating_sum: sum, rating_count: 20 });
    const page = await app.send(null, CoursePatterns.listReviews, { courseId: course.id, limit: 100 });
    expect(page.total).toBe(20);
    expect(page.items[0].authorName).toMatch(/^Reviewer \d+$/);
    const events = (await app.outbox('course.review.submitted')).filter((e) => e.data.courseId === course.id);
    expect(events).toHaveLength(20);
    expect(Math.max(...events.map((e) => e.data.ratingCount as number))).toBe(20);
  });

  it('takes one review per learner (409), none from the instructor (403) or from non-enrollees (403)', async () => {
    const { course } = await publishedCourse(app, instructor);
    const [learner] = await enrolledLearners(course.id, 1);
    await app.send(learner, CoursePatterns.createReview, { courseId: course.id, rating: 4 });
    const twice = await app.failure(learner, CoursePatterns.createReview, { courseId: course.id, rating: 5 });
    expect(twice).toBeInstanceOf(DuplicateKeyError);
    expect(twice).toMatchObject({ code: 'ALREADY_EXISTS' });
    const own = await app.failure(instructor, CoursePatterns.createReview, {
      courseId: course.id,
      rating: 5,
    });
    expect(own).toBeInstanceOf(ForbiddenError);
    expect(own.message).toMatch(/own course/);
    const stranger = await app.user('Drive-by');
    expect(
      await app.failure(stranger, CoursePatterns.createReview, { courseId: course.id, rating: 1 }),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await app.failure(learner, CoursePatterns.createReview, { courseId: course.id, rating: 6 }),
    ).toBeInstanceOf(ValidationError);
    expect(await ratingOf(course.id)).toEqual({ ratingAvg: 4, ratingCount: 1 });
  });

  it('moves the rating when a review is edited or deleted, and only by its author (or an admin for deletion)', async () => {
    const { course } = await publishedCourse(app, instructor);
    const [alice, bob] = await enrolledLearners(course.id, 2);
    const admin = await app.user('Moderator', 'admin');
    const review = await app.send(alice, CoursePatterns.createReview, { courseId: course.id, rating: 2 });
    const bobs = await app.send(bob, CoursePatterns.createReview, { courseId: course.id, rating: 5 });
    expect(await ratingOf(course.id)).toEqual({ ratingAvg: 3.5, ratingCount: 2 });
    expect(
      await app.failure(bob, CoursePatterns.updateReview, { reviewId: review.id, rating: 1 }),
    ).toBeInstanceOf(ForbiddenError);
    const edited = await app.send(alice, CoursePatterns.updateReview, {
      reviewId: review.id,
      rating: 4,
      body: 'Better',
    });
    expect(edited).toMatchObject({ rating: 4, body: 'Better' });
    expect(await ratingOf(course.id)).toEqual({ ratingAvg: 4.5, ratingCount: 2 });
    await app.send(admin, CoursePatterns.deleteReview, { reviewId: bobs.id });
    expect(await ratingOf(course.id)).toEqual({ ratingAvg: 4, ratingCount: 1 });
    await app.send(alice, CoursePatterns.deleteReview, { reviewId: review.id });
    expect(await ratingOf(course.id)).toEqual({ ratingAvg: 0, ratingCount: 0 });
    expect(await app.failure(alice, CoursePatterns.deleteReview, { reviewId: review.id })).toBeInstanceOf(
      NotFoundError,
    );
  });
});
