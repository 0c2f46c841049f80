import { newId } from '@platform/common';
import { type AssessmentView, type CourseDetailView } from '@platform/contracts';
import { type Account, registerAccount, signInAdmin } from '../support/accounts';
import { E2EPlatform } from '../support/platform';
import {
  type BuiltCourse,
  api,
  enroll,
  expectStatus,
  publishedCourse,
  quizAssessment,
} from './support/course-api';

let platform: E2EPlatform;
let instructor: Account;
let student: Account;
let admin: Account;
let course: BuiltCourse;
let assessment: AssessmentView;
let enrollmentId: string;

beforeAll(async () => {
  platform = await E2EPlatform.start({ label: 'course_bad_input', services: ['identity', 'course'] });
  [instructor, student, admin] = await Promise.all([
    registerAccount(platform.http, 'instructor'),
    registerAccount(platform.http, 'student'),
    signInAdmin(platform.http),
  ]);
  course = await publishedCourse(platform.http, instructor);
  assessment = await quizAssessment(platform.http, instructor, course, {
    passingScorePercent: 50,
    maxAttempts: 3,
    questions: [{ prompt: 'p', type: 'true_false', correct: [0], points: 1 }],
  });
  enrollmentId = await enroll(platform.http, student, course.id);
});
afterAll(() => platform?.close());

type Who = 'instructor' | 'student' | 'admin' | 'anyone';
interface BadCase {
  who: Who;
  method: string;
  path: () => string;
  body?: unknown;
  fields: string[];
}

const validCourse = { title: 'x', level: 'beginner', priceCents: 0 };

/** Each is refused with 400 VALIDATION_FAILED naming exactly these fields (some by the gateway, some by course). */
const CASES: BadCase[] = [
  {
    who: 'instructor',
    method: 'POST',
    path: () => '/courses',
    body: {
      title: '',
      level: 'expert',
      priceCents: -1,
      currency: 'usd',
      capacity: 0,
      language: 'English!',
      isFeatured: true,
    },
    fields: ['capacity', 'currency', 'isFeatured', 'language', 'level', 'priceCents', 'title'],
  },
  {
    who: 'instructor',
    method: 'POST',
    path: () => '/courses',
    body: { ...validCourse, priceCents: 9.99 },
    fields: ['priceCents'],
  },
  {
    who: 'instructor',
    method: 'POST',
    path: () => '/courses',
    body: { ...validCourse, priceCents: '100' },
    fields: ['priceCents'],
  },
  {
    who: 'instructor',
    method: 'POST',
    path: () => '/courses',
    body: { ...validCourse, categoryId: newId() },
    fields: ['categoryId'],
  },
  { who: 'instructor', method: 'POST', path: () => '/courses', body: [validCourse], fields: ['(body)'] },
  { who: 'anyone', method: 'GET', path: () => '/courses/123', fields: ['id'] },
  { who: 'anyone', method: 'GET', path: () => '/courses?sort=price', fields: ['sort'] },
  {
    who: 'anyone',
    method: 'GET',
    path: () => '/courses?price=5&instructorId=x',
    fields: ['instructorId', 'price'],
  },
  { who: 'anyone', method: 'GET', path: () => '/courses?limit=1000&offset=-1', fields: ['limit', 'offset'] },
  {
    who: 'anyone',
    method: 'GET',
    path: () => '/courses?minRating=abc&level=expert&categoryId=x',
    fields: ['categoryId', 'level', 'minRating'],
  },
  {
    who: 'anyone',
    method: 'GET',
    path: () => `/courses?minRating=6&maxPriceCents=-1&q=${'a'.repeat(201)}`,
    fields: ['maxPriceCents', 'minRating', 'q'],
  },
  {
    who: 'instructor',
    method: 'PATCH',
    path: () => `/courses/${course.id}`,
    body: { title: 'No version' },
    fields: ['version'],
  },
  {
    who: 'instructor',
    method: 'PATCH',
    path: () => `/courses/${course.id}`,
    body: { title: null, level: null, version: 0 },
    fields: ['level', 'title', 'version'],
  },
  {
    who: 'instructor',
    method: 'POST',
    path: () => `/courses/${course.id}/modules`,
    body: { title: ' ', position: 0 },
    fields: ['position', 'title'],
  },
  {
    who: 'instructor',
    method: 'POST',
    path: () => `/modules/${course.moduleId}/lessons`,
    body: {
      title: 'x',
      type: 'podcast',
      videoUrl: 'http://insecure.example.com/v',
      durationMinutes: -1,
      isRequired: 'yes',
    },
    fields: ['durationMinutes', 'isRequired', 'type', 'videoUrl'],
  },
  {
    who: 'instructor',
    method: 'PATCH',
    path: () => `/lessons/${course.lessonIds[0]}`,
    body: { moduleId: 'elsewhere' },
    fields: ['moduleId'],
  },
  {
    who: 'instructor',
    method: 'POST',
    path: () => `/courses/${course.id}/assessments`,
    body: {
      title: 'q',
      passingScorePercent: 101,
      maxAttempts: 0,
      questions: [{ prompt: '', type: 'essay', correct: [], points: 0 }],
    },
    fields: [
      'maxAttempts',
      'passingScorePercent',
      'questions[0].correct',
      'questions[0].points',
      'questions[0].prompt',
      'questions[0].type',
    ],
  },
  {
    who: 'instructor',
    method: 'POST',
    path: () => `/courses/${course.id}/assessments`,
    body: {
      title: 'q',
      passingScorePercent: 50,
      maxAttempts: 1,
      questions: [{ prompt: 'p', type: 'single', options: ['a', 'b'], correct: [5], points: 1 }],
    },
    fields: ['questions[0].correct'],
  },
  {
    who: 'student',
    method: 'POST',
    path: () => `/assessments/${assessment.id}/submissions`,
    body: { answers: [{ questionId: 'q1', selected: [-1] }] },
    fields: ['answers[0].questionId', 'answers[0].selected'],
  },
  {
    who: 'student',
    method: 'POST',
    path: () => `/assessments/${assessment.id}/submissions`,
    body: { answers: [{ questionId: newId(), selected: [0] }] },
    fields: ['answers[0].questionId'],
  },
  {
    who: 'student',
    method: 'POST',
    path: () => `/courses/${course.id}/reviews`,
    body: { rating: 6, body: 123 },
    fields: ['body', 'rating'],
  },
  {
    who: 'student',
    method: 'POST',
    path: () => `/courses/${course.id}/reviews`,
    body: { rating: 4.5 },
    fields: ['rating'],
  },
  {
    who: 'student',
    method: 'POST',
    path: () => `/enrollments/${enrollmentId}/lessons/lesson-1/complete`,
    fields: ['lessonId'],
  },
  {
    who: 'student',
    method: 'GET',
    path: () => '/users/me/enrollments?status=weird&sort=createdAt',
    fields: ['sort', 'status'],
  },
  { who: 'anyone', method: 'GET', path: () => '/certificates/not-a-code', fields: ['code'] },
  {
    who: 'admin',
    method: 'POST',
    path: () => '/categories',
    body: { name: '', colour: 'red' },
    fields: ['colour', 'name'],
  },
];

const tokenOf = (who: Who): string | undefined =>
  ({
    instructor: instructor.accessToken,
    student: student.accessToken,
    admin: admin.accessToken,
    anyone: undefined,
  })[who];

it('answers bad input with 400 VALIDATION_FAILED naming each bad field, never a 500, and changes nothing', async () => {
  const before = await expectStatus<CourseDetailView>(platform.http, 200, 'GET', `/courses/${course.id}`, {
    token: instructor.accessToken,
  });
  for (const bad of CASES) {
    const res = await platform.http(bad.method, api(bad.path()), { token: tokenOf(bad.who), body: bad.body });
    const fields = [
      ...new Set(((res.body?.error?.details ?? []) as { field: string }[]).map((d) => d.field)),
    ].sort();
    expect({
      request: `${bad.method} ${bad.path()}`,
      status: res.status,
      code: res.body?.error?.code,
      fields,
    }).toEqual({
      request: `${bad.method} ${bad.path()}`,
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: bad.fields,
    });
  }
  const after = await expectStatus<CourseDetailView>(platform.http, 200, 'GET', `/courses/${course.id}`, {
    token: instructor.accessToken,
  });
  expect(after.body).toEqual(before.body);
  const attempts = await expectStatus(platform.http, 200, 'GET', `/assessments/${assessment.id}/attempts`, {
    token: student.accessToken,
  });
  expect(attempts.body).toEqual([]);
});

it('says which filters and sorts exist when given others', async () => {
  const unknown = await platform.http('GET', api('/courses?price=5'));
  expect(unknown.body.error.details).toEqual([
    {
      field: 'price',
      message:
        'price is not a known field; allowed: q, categoryId, level, minRating, maxPriceCents, sort, limit, offset',
    },
  ]);
  const sort = await platform.http('GET', api('/courses?sort=cheapest'));
  expect(sort.body.error.details).toEqual([
    { field: 'sort', message: 'sort must be one of relevance, rating, newest, popular' },
  ]);
});

it('refuses malformed requests at the door: bad JSON, other media types, oversized bodies', async () => {
  const send = (body: string, contentType: string) =>
    fetch(`${platform.baseUrl}${api('/courses')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${instructor.accessToken}`, 'content-type': contentType },
      body,
    });
  expect((await send('{"title": "x",', 'application/json')).status).toBe(400);
  expect((await send('title=x', 'application/x-www-form-urlencoded')).status).toBe(415);
  const huge = JSON.stringify({ ...validCourse, description: 'x'.repeat(2 * 1024 * 1024) });
  expect((await send(huge, 'application/json')).status).toBe(413);
});

it('reads odd but valid input safely: search punctuation, ids that name nothing, codes in any case', async () => {
  const punctuation = await platform.http(
    'GET',
    api(`/courses?q=${encodeURIComponent('"(&|!:* \' -- ; DROP')}`),
  );
  expect(punctuation.status).toBe(200);
  expect((await platform.http('GET', api(`/courses/${newId()}`))).status).toBe(404);
  expect((await platform.http('GET', api(`/certificates/${'z'.repeat(26)}`))).status).toBe(404);
  const parent = await platform.http('POST', api('/categories'), {
    token: admin.accessToken,
    body: { name: 'Orphan', parentId: newId() },
  });
  expect(parent.status).toBe(404);
  const enrollOther = await platform.http(
    'POST',
    api(`/enrollments/${enrollmentId}/lessons/${newId()}/complete`),
    {
      token: student.accessToken,
    },
  );
  expect(enrollOther.status).toBe(404);
});
