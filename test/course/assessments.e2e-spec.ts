import {
  type AssessmentView,
  type AttemptView,
  type StartedAttemptView,
  type SubmissionResultView,
} from '@platform/contracts';
import { type Account, registerAccount } from '../support/accounts';
import { E2EPlatform } from '../support/platform';
import {
  type BuiltCourse,
  api,
  enroll,
  expectStatus,
  publishedCourse,
  quizAssessment,
  registerMany,
  statusCounts,
} from './support/course-api';

let platform: E2EPlatform;
let instructor: Account;
let students: Account[];
let course: BuiltCourse;

const QUESTIONS = [
  { prompt: '2 + 2 = ?', type: 'single', options: ['3', '4', '5'], correct: [1], points: 1 },
  { prompt: 'Primes', type: 'multiple', options: ['2', '4', '5', '9'], correct: [0, 2], points: 1 },
];

beforeAll(async () => {
  platform = await E2EPlatform.start({ label: 'course_assessments', services: ['identity', 'course'] });
  instructor = await registerAccount(platform.http, 'instructor');
  students = await registerMany(platform.http, 4);
  course = await publishedCourse(platform.http, instructor, { lessons: 1 });
  await Promise.all(students.slice(0, 3).map((student) => enroll(platform.http, student, course.id)));
});
afterAll(() => platform?.close());

function newAssessment(settings: {
  maxAttempts: number;
  timeLimitSeconds?: number;
}): Promise<AssessmentView> {
  return quizAssessment(platform.http, instructor, course, {
    title: 'Arithmetic',
    passingScorePercent: 100,
    questions: QUESTIONS,
    ...settings,
  });
}

function submit(learner: Account, assessment: AssessmentView, right: boolean, attemptId?: string) {
  const [single, multiple] = [...assessment.questions].sort((a, b) => a.position - b.position);
  return platform.http('POST', api(`/assessments/${assessment.id}/submissions`), {
    token: learner.accessToken,
    body: {
      attemptId,
      answers: [
        { questionId: single.id, selected: right ? [1] : [0] },
        { questionId: multiple.id, selected: right ? [0, 2] : [0] },
      ],
    },
  });
}

it('hides the answer key from learners and shows it to the owner', async () => {
  const assessment = await newAssessment({ maxAttempts: 3 });
  expect(assessment.questions.map((q) => q.correct)).toEqual([[1], [0, 2]]);
  const learnerView = await expectStatus<AssessmentView>(
    platform.http,
    200,
    'GET',
    `/assessments/${assessment.id}`,
    {
      token: students[0].accessToken,
    },
  );
  expect(learnerView.text).not.toContain('"correct"');
  expect(learnerView.body).toMatchObject({ questionCount: 2, attemptsUsed: 0 });
  expect(learnerView.body.questions.map((q) => q.options)).toEqual([
    QUESTIONS[0].options,
    QUESTIONS[1].options,
  ]);
  const outsider = await platform.http('GET', api(`/assessments/${assessment.id}`), {
    token: students[3].accessToken,
  });
  expect(outsider.status).toBe(403);
});

it('refuses attempts beyond the maximum with 409, also when submitted all at once', async () => {
  const assessment = await newAssessment({ maxAttempts: 2 });
  const learner = students[0];
  expect((await submit(learner, assessment, false)).body).toMatchObject({
    attempt: 1,
    passed: false,
    attemptsRemaining: 1,
  });
  expect((await submit(learner, assessment, false)).body).toMatchObject({
    attempt: 2,
    passed: false,
    attemptsRemaining: 0,
  });
  const third = await submit(learner, assessment, true);
  expect(third.status).toBe(409);
  expect(third.body.error).toMatchObject({
    code: 'ATTEMPTS_EXHAUSTED',
    details: { maxAttempts: 2, attemptsUsed: 2 },
  });

  // Another learner fires five submissions at once: two are graded, three refused.
  const racer = students[1];
  const burst = await Promise.all(Array.from({ length: 5 }, () => submit(racer, assessment, false)));
  expect(statusCounts(burst)).toEqual({ 201: 2, 409: 3 });
  expect(
    burst
      .filter((res) => res.status === 201)
      .map((res) => (res.body as SubmissionResultView).attempt)
      .sort(),
  ).toEqual([1, 2]);
  const attempts = await expectStatus<AttemptView[]>(
    platform.http,
    200,
    'GET',
    `/assessments/${assessment.id}/attempts`,
    {
      token: racer.accessToken,
    },
  );
  expect(attempts.body).toHaveLength(2);
});

it('refuses a submission past the time limit, counts it, and lets the learner retry in time', async () => {
  const assessment = await newAssessment({ maxAttempts: 3, timeLimitSeconds: 1 });
  const learner = students[2];

  // A timed quiz shows its questions only with a started attempt, so the clock runs while they are read.
  const before = await expectStatus<AssessmentView>(
    platform.http,
    200,
    'GET',
    `/assessments/${assessment.id}`,
    {
      token: learner.accessToken,
    },
  );
  expect(before.body.questions).toEqual([]);
  const untimed = await submit(learner, assessment, true);
  expect(untimed.status).toBe(409);
  expect(untimed.body.error.code).toBe('INVALID_STATE');

  const started = await expectStatus<StartedAttemptView>(
    platform.http,
    201,
    'POST',
    `/assessments/${assessment.id}/attempts`,
    {
      token: learner.accessToken,
    },
  );
  expect(started.body).toMatchObject({ attempt: 1, status: 'in_progress', deadlineAt: expect.any(String) });
  expect(started.text).not.toContain('"correct"');
  // Past the deadline and the server's 2 s of grace for latency (not a timing assertion: a wait).
  const lateAt = Date.parse(started.body.deadlineAt!) + 2_000 + 500;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, lateAt - Date.now())));
  const late = await submit(learner, assessment, true, started.body.id);
  expect(late.status).toBe(409);
  expect(late.body.error).toMatchObject({
    code: 'TIME_LIMIT_EXCEEDED',
    details: { deadlineAt: started.body.deadlineAt },
  });

  const retry = await expectStatus<StartedAttemptView>(
    platform.http,
    201,
    'POST',
    `/assessments/${assessment.id}/attempts`,
    {
      token: learner.accessToken,
    },
  );
  expect(retry.body.attempt).toBe(2);
  const inTime = await submit(learner, assessment, true, retry.body.id);
  expect(inTime.status).toBe(201);
  expect(inTime.body).toMatchObject({ attempt: 2, passed: true, scorePercent: 100, attemptsRemaining: 1 });
  const attempts = await expectStatus<AttemptView[]>(
    platform.http,
    200,
    'GET',
    `/assessments/${assessment.id}/attempts`,
    {
      token: learner.accessToken,
    },
  );
  expect(attempts.body.map((a) => [a.attempt, a.status, a.passed])).toEqual([
    [1, 'expired', null],
    [2, 'submitted', true],
  ]);
});

it('locks the questions once attempted and guards settings with the version', async () => {
  const assessment = await newAssessment({ maxAttempts: 5 });
  await submit(students[0], assessment, true);
  const owner = { token: instructor.accessToken };
  const locked = await platform.http('PATCH', api(`/assessments/${assessment.id}`), {
    ...owner,
    body: { version: assessment.version, questions: QUESTIONS.slice(0, 1) },
  });
  expect(locked.status).toBe(409);
  expect(locked.body.error.code).toBe('INVALID_STATE');
  const relaxed = await expectStatus<AssessmentView>(
    platform.http,
    200,
    'PATCH',
    `/assessments/${assessment.id}`,
    {
      ...owner,
      body: { version: assessment.version, maxAttempts: 6 },
    },
  );
  expect(relaxed.body).toMatchObject({ maxAttempts: 6, version: assessment.version + 1 });
  const stale = await platform.http('PATCH', api(`/assessments/${assessment.id}`), {
    ...owner,
    body: { version: assessment.version, maxAttempts: 7 },
  });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  const learnerEdit = await platform.http('PATCH', api(`/assessments/${assessment.id}`), {
    token: students[0].accessToken,
    body: { version: relaxed.body.version, maxAttempts: 99 },
  });
  expect(learnerEdit.status).toBe(403);
});
