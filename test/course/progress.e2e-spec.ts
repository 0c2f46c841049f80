import { type CertificateView, type EnrollmentView, type LessonView, type Page } from '@platform/contracts';
import { type Account, registerAccount } from '../support/accounts';
import { E2EPlatform } from '../support/platform';
import { api, enroll, expectStatus, publishedCourse, registerMany } from './support/course-api';
import { queryCourseDatabase } from './support/course-database';

let platform: E2EPlatform;
let instructor: Account;
let students: Account[];

beforeAll(async () => {
  platform = await E2EPlatform.start({ label: 'course_progress', services: ['identity', 'course'] });
  instructor = await registerAccount(platform.http, 'instructor');
  students = await registerMany(platform.http, 4);
});
afterAll(() => platform?.close());

function complete(learner: Account, enrollmentId: string, lessonId: string) {
  return platform.http('POST', api(`/enrollments/${enrollmentId}/lessons/${lessonId}/complete`), {
    token: learner.accessToken,
  });
}

async function progressOf(learner: Account, enrollmentId: string): Promise<EnrollmentView> {
  return (
    await expectStatus<EnrollmentView>(platform.http, 200, 'GET', `/enrollments/${enrollmentId}`, {
      token: learner.accessToken,
    })
  ).body;
}

it('progress stays within 100 % and completion stays completed when the instructor adds a lesson', async () => {
  const { http } = platform;
  const course = await publishedCourse(http, instructor, { lessons: 2 });
  const optional = await expectStatus<LessonView>(http, 201, 'POST', `/modules/${course.moduleId}/lessons`, {
    token: instructor.accessToken,
    body: { title: 'Further reading', type: 'article', isRequired: false, isPublished: true },
  });
  const [finisher, halfway] = students;
  const finished = await enroll(http, finisher, course.id);
  const started = await enroll(http, halfway, course.id);

  // The optional lesson is recorded but does not count; the two required ones complete the course.
  expect((await complete(finisher, finished, optional.body.id)).body.progressPercent).toBe(0);
  expect((await complete(finisher, finished, course.lessonIds[0])).body.progressPercent).toBe(50);
  const done = await complete(finisher, finished, course.lessonIds[1]);
  expect(done.body).toMatchObject({ status: 'completed', progressPercent: 100 });
  expect((await complete(halfway, started, course.lessonIds[0])).body.progressPercent).toBe(50);

  // The instructor adds a required lesson, published at once.
  const added = await expectStatus<LessonView>(http, 201, 'POST', `/modules/${course.moduleId}/lessons`, {
    token: instructor.accessToken,
    body: { title: 'A late addition', type: 'article', isPublished: true },
  });
  expect(await progressOf(finisher, finished)).toMatchObject({ status: 'completed', progressPercent: 100 });
  expect(await progressOf(halfway, started)).toMatchObject({ status: 'active', progressPercent: 33 });

  // Doing the new lesson too never pushes anyone past 100; repeating a lesson changes nothing.
  const extra = await complete(finisher, finished, added.body.id);
  expect(extra.body).toMatchObject({ status: 'completed', progressPercent: 100 });
  expect(extra.body.completedLessonIds).toHaveLength(4);
  expect((await complete(halfway, started, course.lessonIds[0])).body.progressPercent).toBe(33);
  expect((await complete(halfway, started, course.lessonIds[1])).body.progressPercent).toBe(66);
  const last = await complete(halfway, started, added.body.id);
  expect(last.body).toMatchObject({ status: 'completed', progressPercent: 100 });

  const mine = await expectStatus<Page<EnrollmentView>>(http, 200, 'GET', '/users/me/enrollments', {
    token: halfway.accessToken,
  });
  expect(mine.body.items.map((e) => [e.status, e.progressPercent])).toEqual([['completed', 100]]);
});

it('completing the last lessons at once completes the enrollment once, with one certificate', async () => {
  const { http } = platform;
  const course = await publishedCourse(http, instructor, { lessons: 4 });
  const learner = students[2];
  const enrollmentId = await enroll(http, learner, course.id);
  const results = await Promise.all(
    course.lessonIds.map((lessonId) => complete(learner, enrollmentId, lessonId)),
  );
  expect(results.map((res) => res.status)).toEqual([200, 200, 200, 200]);
  expect(await progressOf(learner, enrollmentId)).toMatchObject({
    status: 'completed',
    progressPercent: 100,
  });
  const certificates = await expectStatus<Page<CertificateView>>(http, 200, 'GET', '/users/me/certificates', {
    token: learner.accessToken,
  });
  expect(certificates.body.total).toBe(1);
  const events = await queryCourseDatabase<{ type: string; n: number }>(
    platform,
    `SELECT type, count(*)::int AS n FROM outbox
      WHERE aggregate_id = $1 AND type IN ('course.enrollment.completed', 'course.certificate.issued')
      GROUP BY type ORDER BY type`,
    [enrollmentId],
  );
  expect(events).toEqual([
    { type: 'course.certificate.issued', n: 1 },
    { type: 'course.enrollment.completed', n: 1 },
  ]);
});

it('refuses lessons that are not the enrollment’s to complete, and completions after a drop', async () => {
  const { http } = platform;
  const course = await publishedCourse(http, instructor, { lessons: 2 });
  const other = await publishedCourse(http, instructor, { lessons: 1 });
  const draftLesson = await expectStatus<LessonView>(
    http,
    201,
    'POST',
    `/modules/${course.moduleId}/lessons`,
    {
      token: instructor.accessToken,
      body: { title: 'Unpublished', type: 'article' },
    },
  );
  const learner = students[3];
  const enrollmentId = await enroll(http, learner, course.id);
  expect((await complete(learner, enrollmentId, other.lessonIds[0])).status).toBe(404);
  expect((await complete(learner, enrollmentId, draftLesson.body.id)).status).toBe(404);
  expect((await complete(students[0], enrollmentId, course.lessonIds[0])).status).toBe(403);
  await expectStatus(http, 204, 'DELETE', `/enrollments/${enrollmentId}`, { token: learner.accessToken });
  const afterDrop = await complete(learner, enrollmentId, course.lessonIds[0]);
  expect(afterDrop.status).toBe(409);
  expect(afterDrop.body.error.code).toBe('INVALID_STATE');
});
