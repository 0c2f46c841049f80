import {
  type CertificateVerificationView,
  type CourseDetailView,
  type CourseView,
  type Page,
} from '@platform/contracts';
import { waitUntil } from '@platform/testing';
import { type Account, registerAccount } from '../support/accounts';
import { E2EPlatform } from '../support/platform';
import { api, enroll, expectStatus, publishedCourse } from './support/course-api';
import { queryCourseDatabase } from './support/course-database';

let platform: E2EPlatform;
let instructor: Account;
let student: Account;

beforeAll(async () => {
  platform = await E2EPlatform.start({ label: 'course_names', services: ['identity', 'course'] });
  instructor = await registerAccount(platform.http, 'instructor', 'Grace Hopper');
  student = await registerAccount(platform.http, 'student', 'Ada Byron');
});
afterAll(() => platform?.close());

/** identity's events reach course asynchronously: poll, with a bound. */
function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  return waitUntil(probe, accept, { timeoutMs: 20_000, intervalMs: 200, what });
}

const courseView = async (id: string): Promise<CourseDetailView> =>
  (await expectStatus<CourseDetailView>(platform.http, 200, 'GET', `/courses/${id}`)).body;

it("renaming a user in identity reaches course's projection through events; a deleted instructor's course keeps the name", async () => {
  const { http } = platform;
  const course = await publishedCourse(http, instructor, { title: 'COBOL for everyone', lessons: 1 });
  await eventually(
    () => courseView(course.id),
    (c) => c.instructor.name === 'Grace Hopper',
    'the registered name',
  );

  // The instructor renames themself in identity; the course shows it, in the detail and the catalog.
  await expectStatus(http, 200, 'PATCH', '/users/me', {
    token: instructor.accessToken,
    body: { name: 'Rear Admiral Grace Hopper' },
  });
  await eventually(
    () => courseView(course.id),
    (c) => c.instructor.name === 'Rear Admiral Grace Hopper',
    'the new name to reach the course',
  );
  const catalog = await expectStatus<Page<CourseView>>(http, 200, 'GET', '/courses?q=cobol');
  expect(catalog.body.items.map((c) => c.instructor)).toEqual([
    { id: instructor.id, name: 'Rear Admiral Grace Hopper' },
  ]);

  // A learner's rename reaches what course shows of them too: the certificate's holder.
  const enrollmentId = await enroll(http, student, course.id);
  const done = await expectStatus(
    http,
    200,
    'POST',
    `/enrollments/${enrollmentId}/lessons/${course.lessonIds[0]}/complete`,
    {
      token: student.accessToken,
    },
  );
  const code: string = done.body.certificateCode;
  await expectStatus(http, 200, 'PATCH', '/users/me', {
    token: student.accessToken,
    body: { name: 'Ada Lovelace' },
  });
  await eventually(
    async () =>
      (await expectStatus<CertificateVerificationView>(http, 200, 'GET', `/certificates/${code}`)).body,
    (certificate) => certificate.holderName === 'Ada Lovelace',
    "the learner's new name to reach the certificate",
  );

  // The instructor deletes their account: identity forgets them, the course keeps their name.
  await expectStatus(http, 204, 'DELETE', '/users/me', { token: instructor.accessToken });
  expect((await http('GET', api(`/users/${instructor.id}`))).status).toBe(404);
  await eventually(
    () =>
      queryCourseDatabase<{ account_deleted_at: Date | null }>(
        platform,
        'SELECT account_deleted_at FROM user_profiles WHERE user_id = $1',
        [instructor.id],
      ),
    (rows) => rows[0]?.account_deleted_at != null,
    "identity's deletion to reach course",
  );
  expect((await courseView(course.id)).instructor).toEqual({
    id: instructor.id,
    name: 'Rear Admiral Grace Hopper',
  });

  // The names are course's own copy: read with identity down, they are still there.
  await platform.service('identity').stop('SIGTERM');
  const withoutIdentity = await courseView(course.id);
  expect(withoutIdentity.instructor.name).toBe('Rear Admiral Grace Hopper');
  const certificate = await expectStatus<CertificateVerificationView>(
    http,
    200,
    'GET',
    `/certificates/${code}`,
  );
  expect(certificate.body.holderName).toBe('Ada Lovelace');
});
