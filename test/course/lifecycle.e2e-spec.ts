import {
  type AssessmentView,
  type CourseDetailView,
  type CourseView,
  type EnrollmentView,
  type LessonView,
  type ModuleView,
  type Page,
} from '@platform/contracts';
import { waitUntil } from '@platform/testing';
import { type Account, registerAccount, signInAdmin } from '../support/accounts';
import { E2EPlatform } from '../support/platform';
import { api, createCourse, expectStatus } from './support/course-api';

let platform: E2EPlatform;
let instructor: Account;
let student: Account;
let admin: Account;

beforeAll(async () => {
  platform = await E2EPlatform.start({ label: 'course_lifecycle', services: ['identity', 'course'] });
  [instructor, student, admin] = await Promise.all([
    registerAccount(platform.http, 'instructor', 'Edsger Dijkstra'),
    registerAccount(platform.http, 'student', 'Barbara Liskov'),
    signInAdmin(platform.http),
  ]);
});
afterAll(() => platform?.close());

const QUESTIONS = [
  {
    prompt: 'A loop invariant holds…',
    type: 'single',
    options: ['never', 'before and after each iteration'],
    correct: [1],
    points: 2,
  },
  { prompt: 'Goto is harmful', type: 'true_false', correct: [0], points: 1 },
];

it('an instructor builds and publishes a course; a student finds it, completes it, passes the quiz and gets a certificate anyone can verify', async () => {
  const { http } = platform;
  const owner = { token: instructor.accessToken };
  const learner = { token: student.accessToken };

  // An admin files the course under a category; the instructor builds it as a draft.
  const programming = await expectStatus(http, 201, 'POST', '/categories', {
    token: admin.accessToken,
    body: { name: 'Programming' },
  });
  const draft = await createCourse(http, instructor, {
    title: 'Structured Programming',
    description: 'Writing programs whose correctness can be argued',
    capacity: 100,
  });
  expect(draft).toMatchObject({ status: 'draft', version: 1, capacity: 100, seatsRemaining: 100 });
  await expectStatus(http, 200, 'PATCH', `/courses/${draft.id}`, {
    ...owner,
    body: { categoryId: programming.body.id, version: draft.version },
  });
  const basics = await expectStatus<ModuleView>(http, 201, 'POST', `/courses/${draft.id}/modules`, {
    ...owner,
    body: { title: 'Basics' },
  });
  const practice = await expectStatus<ModuleView>(http, 201, 'POST', `/courses/${draft.id}/modules`, {
    ...owner,
    body: { title: 'Practice' },
  });
  const lesson = async (moduleId: string, body: Record<string, unknown>): Promise<string> =>
    (await expectStatus<LessonView>(http, 201, 'POST', `/modules/${moduleId}/lessons`, { ...owner, body }))
      .body.id;
  const article = await lesson(basics.body.id, {
    title: 'Go To Statement Considered Harmful',
    type: 'article',
    content: 'Structured control flow…',
    isPublished: true,
  });
  const video = await lesson(basics.body.id, {
    title: 'Loop invariants',
    type: 'video',
    videoUrl: 'https://cdn.example.com/invariants.m3u8',
    durationMinutes: 12,
    isPublished: true,
  });
  await lesson(basics.body.id, { title: 'Notes still being written', type: 'article' });
  const quizLesson = await lesson(practice.body.id, {
    title: 'Check your understanding',
    type: 'quiz',
    isPublished: true,
  });
  const assessment = await expectStatus(http, 201, 'POST', `/courses/${draft.id}/assessments`, {
    ...owner,
    body: {
      title: 'Invariants quiz',
      lessonId: quizLesson,
      passingScorePercent: 70,
      maxAttempts: 3,
      questions: QUESTIONS,
    },
  });
  expect(assessment.body.questions[0].correct).toEqual([1]); // the owner sees the key

  // Unpublished, it exists only for its owner.
  expect((await http('GET', api(`/courses/${draft.id}`), learner)).status).toBe(404);
  expect((await http('GET', api('/courses?q=structured'))).body.total).toBe(0);
  const published = await expectStatus(http, 200, 'POST', `/courses/${draft.id}/publish`, owner);
  expect(published.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });

  // Another published course mentions the words only in its description: the title weighs more.
  const other = await createCourse(http, instructor, {
    title: 'Compilers',
    description: 'Structured programs, parsed and compiled',
  });
  const otherModule = await expectStatus<ModuleView>(http, 201, 'POST', `/courses/${other.id}/modules`, {
    ...owner,
    body: { title: 'Parsing' },
  });
  await lesson(otherModule.body.id, { title: 'Grammars', type: 'article', isPublished: true });
  await expectStatus(http, 200, 'POST', `/courses/${other.id}/publish`, owner);

  // The student finds it by full text (stemmed: "programs" finds "Programming"), signed in or not.
  const found = await expectStatus<Page<CourseView>>(
    http,
    200,
    'GET',
    '/courses?q=structured%20programs',
    learner,
  );
  expect(found.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
  expect(found.body.items.map((c) => c.id)).toEqual([draft.id, other.id]);
  const filtered = await expectStatus<Page<CourseView>>(
    http,
    200,
    'GET',
    `/courses?q=structured&categoryId=${programming.body.id}&level=beginner&maxPriceCents=0`,
  );
  expect(filtered.body.items.map((c) => c.id)).toEqual([draft.id]);

  // The outline: published lessons only, the instructor's name from identity's events, no answers.
  const outline = await waitUntil(
    () => expectStatus<CourseDetailView>(http, 200, 'GET', `/courses/${draft.id}`),
    (res) => res.body.instructor.name === 'Edsger Dijkstra',
    { timeoutMs: 20_000, intervalMs: 200, what: "the instructor's name to reach the course" },
  );
  expect(outline.body.modules.map((m) => m.lessons.map((l) => l.title))).toEqual([
    ['Go To Statement Considered Harmful', 'Loop invariants'],
    ['Check your understanding'],
  ]);
  expect(outline.body.modules[1].lessons[0].assessmentId).toBe(assessment.body.id);

  // Enrolls, reads and completes lessons.
  const enrollment = await expectStatus(http, 201, 'POST', `/courses/${draft.id}/enrollments`, learner);
  expect(enrollment.body).toMatchObject({ status: 'active', source: 'free', progressPercent: 0 });
  const videoLesson = await expectStatus(http, 200, 'GET', `/lessons/${video}`, learner);
  expect(videoLesson.body.videoUrl).toBe('https://cdn.example.com/invariants.m3u8');
  const enrollmentId: string = enrollment.body.id;
  await expectStatus(http, 200, 'POST', `/enrollments/${enrollmentId}/lessons/${article}/complete`, learner);
  const afterVideo = await expectStatus(
    http,
    200,
    'POST',
    `/enrollments/${enrollmentId}/lessons/${video}/complete`,
    learner,
  );
  expect(afterVideo.body).toMatchObject({ status: 'active', progressPercent: 66 });

  // The quiz lesson completes by passing its assessment, not by a click; the key stays hidden.
  const click = await http(
    'POST',
    api(`/enrollments/${enrollmentId}/lessons/${quizLesson}/complete`),
    learner,
  );
  expect(click.status).toBe(409);
  expect(click.body.error.code).toBe('INVALID_STATE');
  const quiz = await expectStatus<AssessmentView>(
    http,
    200,
    'GET',
    `/assessments/${assessment.body.id}`,
    learner,
  );
  expect(quiz.text).not.toContain('"correct"');
  const answer = (right: boolean) =>
    quiz.body.questions.map((q) => ({
      questionId: q.id,
      selected: [q.type === 'single' ? (right ? 1 : 0) : right ? 0 : 1],
    }));
  const failed = await expectStatus(http, 201, 'POST', `/assessments/${assessment.body.id}/submissions`, {
    ...learner,
    body: { answers: answer(false) },
  });
  expect(failed.body).toMatchObject({ passed: false, scorePercent: 0, attempt: 1, attemptsRemaining: 2 });
  const passed = await expectStatus(http, 201, 'POST', `/assessments/${assessment.body.id}/submissions`, {
    ...learner,
    body: { answers: answer(true) },
  });
  expect(passed.body).toMatchObject({ passed: true, scorePercent: 100, attempt: 2, attemptsRemaining: 1 });

  // Completed, with a certificate.
  const done = await expectStatus(http, 200, 'GET', `/enrollments/${enrollmentId}`, learner);
  expect(done.body).toMatchObject({ status: 'completed', progressPercent: 100 });
  expect(done.body.completedLessonIds).toEqual([article, video, quizLesson]);
  const code: string = done.body.certificateCode;
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  const mine = await expectStatus(http, 200, 'GET', '/users/me/enrollments', learner);
  expect(mine.body).toMatchObject({ total: 1, items: [{ id: enrollmentId, status: 'completed' }] });
  const certificates = await expectStatus(http, 200, 'GET', '/users/me/certificates', learner);
  expect(certificates.body.items).toEqual([
    expect.objectContaining({ code, courseTitle: 'Structured Programming', status: 'valid' }),
  ]);
  const roster = await expectStatus<Page<EnrollmentView>>(
    http,
    200,
    'GET',
    `/courses/${draft.id}/enrollments`,
    owner,
  );
  expect(roster.body.items.map((e) => e.userId)).toEqual([student.id]);

  // Anyone verifies it, no account needed, in any letter case; a made-up code is 404.
  const verified = await waitUntil(
    () => expectStatus(http, 200, 'GET', `/certificates/${code.toLowerCase()}`),
    (res) => res.body.holderName === 'Barbara Liskov',
    { timeoutMs: 20_000, intervalMs: 200, what: "the learner's name to reach the certificate" },
  );
  expect(verified.body).toEqual({
    code,
    holderName: 'Barbara Liskov',
    courseTitle: 'Structured Programming',
    issuedAt: expect.any(String),
    status: 'valid',
  });
  expect(verified.headers.get('x-correlation-id')).toBeTruthy();
  const unknown = await http('GET', api(`/certificates/${'0'.repeat(26)}`));
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.code).toBe('NOT_FOUND');
});
