import { type CourseDetailView, type CourseView, type LessonView, type Page } from '@platform/contracts';
import { type Account, registerAccount, signInAdmin } from '../support/accounts';
import { E2EPlatform } from '../support/platform';
import { api, createCourse, enroll, expectStatus, publishedCourse, statusCounts } from './support/course-api';

let platform: E2EPlatform;
let owner: Account;
let otherInstructor: Account;
let student: Account;
let admin: Account;

beforeAll(async () => {
  platform = await E2EPlatform.start({ label: 'course_authoring', services: ['identity', 'course'] });
  [owner, otherInstructor, student, admin] = await Promise.all([
    registerAccount(platform.http, 'instructor'),
    registerAccount(platform.http, 'instructor', 'Someone Else'),
    registerAccount(platform.http, 'student'),
    signInAdmin(platform.http),
  ]);
});
afterAll(() => platform?.close());

const as = (account: Account | null) => (account ? { token: account.accessToken } : {});

it('a draft is 404 to everyone but its owner and admins, in every route that names it', async () => {
  const { http } = platform;
  const draft = await createCourse(http, owner, { title: 'Secret plans' });
  const module = await expectStatus(http, 201, 'POST', `/courses/${draft.id}/modules`, {
    ...as(owner),
    body: { title: 'M' },
  });
  const lesson = await expectStatus<LessonView>(http, 201, 'POST', `/modules/${module.body.id}/lessons`, {
    ...as(owner),
    body: { title: 'L', type: 'article', isPublished: true },
  });
  for (const outsider of [null, student, otherInstructor]) {
    expect((await http('GET', api(`/courses/${draft.id}`), as(outsider))).status).toBe(404);
    expect((await http('GET', api(`/courses/${draft.id}/reviews`), as(outsider))).status).toBe(404);
  }
  for (const outsider of [student, otherInstructor]) {
    expect((await http('GET', api(`/lessons/${lesson.body.id}`), as(outsider))).status).toBe(404);
    expect((await http('POST', api(`/courses/${draft.id}/enrollments`), as(outsider))).status).toBe(404);
    const edit = await http('PATCH', api(`/courses/${draft.id}`), {
      ...as(outsider),
      body: { title: 'x', version: 1 },
    });
    expect(edit.status).toBe(404);
  }
  expect(
    (await expectStatus<CourseDetailView>(http, 200, 'GET', `/courses/${draft.id}`, as(owner))).body.status,
  ).toBe('draft');
  await expectStatus(http, 200, 'GET', `/courses/${draft.id}`, as(admin));
  const catalog = await expectStatus<Page<CourseView>>(http, 200, 'GET', '/courses?q=secret');
  expect(catalog.body.total).toBe(0);
  const mine = await expectStatus<Page<CourseView>>(
    http,
    200,
    'GET',
    '/users/me/courses?status=draft',
    as(owner),
  );
  expect(mine.body.items.map((c) => c.id)).toContain(draft.id);
});

it('unpublishing takes a course out of the catalog but not away from its learners', async () => {
  const { http } = platform;
  const course = await publishedCourse(http, owner, { title: 'Short-lived' });
  const enrollmentId = await enroll(http, student, course.id);
  await expectStatus(http, 200, 'POST', `/courses/${course.id}/unpublish`, as(owner));
  expect((await http('GET', api(`/courses/${course.id}`), as(otherInstructor))).status).toBe(404);
  expect((await http('GET', api(`/courses/${course.id}`))).status).toBe(404);
  const forLearner = await expectStatus<CourseDetailView>(
    http,
    200,
    'GET',
    `/courses/${course.id}`,
    as(student),
  );
  expect(forLearner.body.modules[0].lessons.map((l) => l.id)).toEqual(course.lessonIds);
  await expectStatus(http, 200, 'GET', `/lessons/${course.lessonIds[0]}`, as(student));
  await expectStatus(
    http,
    200,
    'POST',
    `/enrollments/${enrollmentId}/lessons/${course.lessonIds[0]}/complete`,
    as(student),
  );
});

it('applies an edit with the current version and refuses a stale one with 409 VERSION_CONFLICT', async () => {
  const { http } = platform;
  const course = await createCourse(http, owner, { title: 'First title' });
  const edited = await expectStatus<CourseDetailView>(http, 200, 'PATCH', `/courses/${course.id}`, {
    ...as(owner),
    body: { title: 'Second title', version: course.version },
  });
  expect(edited.body).toMatchObject({ title: 'Second title', version: course.version + 1 });
  const stale = await http('PATCH', api(`/courses/${course.id}`), {
    ...as(owner),
    body: { title: 'Lost update', version: course.version },
  });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('VERSION_CONFLICT');

  // Two editors holding the same version at once: one wins, the other hears about it.
  const racing = await Promise.all(
    ['Editor A', 'Editor B'].map((title) =>
      http('PATCH', api(`/courses/${course.id}`), {
        ...as(owner),
        body: { title, version: edited.body.version },
      }),
    ),
  );
  expect(statusCounts(racing)).toEqual({ 200: 1, 409: 1 });
  const winner = racing.find((res) => res.status === 200)!.body as CourseDetailView;
  const now = await expectStatus<CourseDetailView>(http, 200, 'GET', `/courses/${course.id}`, as(owner));
  expect(now.body).toMatchObject({ title: winner.title, version: edited.body.version + 1 });
});

it("refuses every change to someone else's course with 403; admins may; students cannot create courses", async () => {
  const { http } = platform;
  const course = await publishedCourse(http, owner, { title: 'Owned' });
  const current = (await expectStatus<CourseDetailView>(http, 200, 'GET', `/courses/${course.id}`)).body;
  const attempts: [string, string, unknown?][] = [
    ['PATCH', `/courses/${course.id}`, { title: 'Hijacked', version: current.version }],
    ['POST', `/courses/${course.id}/unpublish`],
    ['POST', `/courses/${course.id}/archive`],
    ['DELETE', `/courses/${course.id}`],
    ['POST', `/courses/${course.id}/modules`, { title: 'Extra' }],
    ['PATCH', `/modules/${course.moduleId}`, { title: 'Renamed' }],
    ['DELETE', `/modules/${course.moduleId}`],
    ['POST', `/modules/${course.moduleId}/lessons`, { title: 'Extra', type: 'article' }],
    ['PATCH', `/lessons/${course.lessonIds[0]}`, { title: 'Renamed' }],
    ['DELETE', `/lessons/${course.lessonIds[0]}`],
    ['GET', `/courses/${course.id}/enrollments`],
  ];
  for (const [method, path, body] of attempts) {
    const res = await http(method, api(path), { ...as(otherInstructor), body });
    expect({ method, path, status: res.status, code: res.body?.error?.code }).toEqual({
      method,
      path,
      status: 403,
      code: 'FORBIDDEN',
    });
  }
  const untouched = await expectStatus<CourseDetailView>(http, 200, 'GET', `/courses/${course.id}`);
  expect(untouched.body).toMatchObject({ title: 'Owned', status: 'published', version: current.version });
  expect(untouched.body.modules[0].lessons).toHaveLength(2);

  const byAdmin = await expectStatus<CourseDetailView>(http, 200, 'PATCH', `/courses/${course.id}`, {
    ...as(admin),
    body: { title: 'Moderated', version: current.version },
  });
  expect(byAdmin.body.title).toBe('Moderated');
  const byStudent = await http('POST', api('/courses'), {
    ...as(student),
    body: { title: 'Mine', level: 'beginner', priceCents: 0 },
  });
  expect(byStudent.status).toBe(403);
  expect(
    (await http('POST', api('/courses'), { body: { title: 'x', level: 'beginner', priceCents: 0 } })).status,
  ).toBe(401);
});

it('publishes only with a published lesson, keeps positions dense, and deletes only empty courses', async () => {
  const { http } = platform;
  const draft = await createCourse(http, owner);
  const empty = await http('POST', api(`/courses/${draft.id}/publish`), as(owner));
  expect(empty.status).toBe(409);
  expect(empty.body.error.code).toBe('INVALID_STATE');

  const module = await expectStatus(http, 201, 'POST', `/courses/${draft.id}/modules`, {
    ...as(owner),
    body: { title: 'M' },
  });
  const ids: string[] = [];
  for (const title of ['One', 'Two', 'Three']) {
    const res = await expectStatus<LessonView>(http, 201, 'POST', `/modules/${module.body.id}/lessons`, {
      ...as(owner),
      body: { title, type: 'article', isPublished: true },
    });
    ids.push(res.body.id);
  }
  await expectStatus(http, 200, 'PATCH', `/lessons/${ids[2]}`, { ...as(owner), body: { position: 1 } });
  await expectStatus(http, 204, 'DELETE', `/lessons/${ids[0]}`, as(owner));
  const outline = await expectStatus<CourseDetailView>(http, 200, 'GET', `/courses/${draft.id}`, as(owner));
  expect(outline.body.modules[0].lessons.map((l) => [l.title, l.position])).toEqual([
    ['Three', 1],
    ['Two', 2],
  ]);
  await expectStatus(http, 200, 'POST', `/courses/${draft.id}/publish`, as(owner));

  const taken = await publishedCourse(http, owner);
  await enroll(http, student, taken.id);
  const refused = await http('DELETE', api(`/courses/${taken.id}`), as(owner));
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('INVALID_STATE');
  await expectStatus(http, 204, 'DELETE', `/courses/${draft.id}`, as(owner));
  expect((await http('GET', api(`/courses/${draft.id}`), as(owner))).status).toBe(404);
});
