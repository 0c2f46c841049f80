import { ConflictError, ForbiddenError, OptimisticLockError, ValidationError } from '@platform/common';
import {
  type AssessmentView,
  CoursePatterns,
  type CreateAssessmentBody,
  type EnrollmentView,
  type QuestionView,
} from '@platform/contracts';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { type PublishedCourse, publishedCourse } from './support/fixtures';

let app: CourseTestApp;
let instructor: TestUser;
let course: PublishedCourse;

const questions: CreateAssessmentBody['questions'] = [
  { prompt: '2 + 2', type: 'single', options: ['3', '4', '5'], correct: [1], points: 1 },
  { prompt: 'Primes', type: 'multiple', options: ['2', '4', '7'], correct: [0, 2], points: 2 },
  { prompt: 'Water is wet', type: 'true_false', correct: [0], points: 1 },
];

/** The right answers, worked out from the owner's view (learners never get `correct`). */
const rightAnswers = (view: AssessmentView) =>
  view.questions.map((q) => ({ questionId: q.id, selected: q.correct as number[] }));
const wrongAnswers = (view: { questions: QuestionView[] }) =>
  view.questions.map((q) => ({ questionId: q.id, selected: [q.options.length - 1] }));

const createAssessment = (extra: Partial<CreateAssessmentBody> = {}) =>
  app.send(instructor, CoursePatterns.createAssessment, {
    courseId: course.course.id,
    title: 'Arithmetic',
    passingScorePercent: 75,
    maxAttempts: 2,
    questions,
    ...extra,
  });

async function learner(name: string): Promise<[TestUser, EnrollmentView]> {
  const user = await app.user(name);
  return [user, await app.send(user, CoursePatterns.enroll, { courseId: course.course.id })];
}

beforeAll(async () => {
  app = await CourseTestApp.start('assessments');
  instructor = await app.user('Niklaus Wirth', 'instructor');
  course = await publishedCourse(app, instructor, {}, 1);
});

afterAll(() => app.close());

describe('authoring', () => {
  it('gives the owner the answer key and learners the questions without it', async () => {
    const created = await createAssessment();
    expect(created).toMatchObject({ questionCount: 3, totalPoints: 4, attemptsUsed: null });
    expect(created.questions.map((q) => q.correct)).toEqual([[1], [0, 2], [0]]);
    expect(created.questions[2].options).toEqual(['True', 'False']);
    const [student] = await learner('Reader of quizzes');
    const seen = await app.send(student, CoursePatterns.getAssessment, { assessmentId: created.id });
    expect(seen.questions).toHaveLength(3);
    expect(JSON.stringify(seen)).not.toContain('"correct"');
    expect(seen.attemptsUsed).toBe(0);
    const listed = await app.send(student, CoursePatterns.listAssessments, { courseId: course.course.id });
    expect(JSON.stringify(listed)).not.toContain('"correct"');
    const outsider = await app.user('Not enrolled');
    expect(
      await app.failure(outsider, CoursePatterns.getAssessment, { assessmentId: created.id }),
    ).toBeInstanceOf(ForbiddenError);
  });

  it('refuses malformed questions by path, and attaching to a lesson that is not a quiz', async () => {
    const error = await app.failure(instructor, CoursePatterns.createAssessment, {
      courseId: course.course.id,
      title: 'Broken',
      passingScorePercent: 50,
      maxAttempts: 1,
      questions: [{ prompt: 'p', type: 'single', options: ['a', 'b'], correct: [0, 1], points: 1 }],
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'questions[0].correct', message: 'a single question has exactly one correct option' },
    ]);
    const notQuiz = await app.failure(instructor, CoursePatterns.createAssessment, {
      courseId: course.course.id,
      lessonId: course.lessons[0].id,
      title: 'On an article',
      passingScorePercent: 50,
      maxAttempts: 1,
      questions,
    });
    expect(notQuiz).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'lessonId' }] });
    const student = await app.user('Author wannabe');
    expect(
      await app.failure(student, CoursePatterns.createAssessment, {
        courseId: course.course.id,
        title: 'x',
        passingScorePercent: 1,
        maxAttempts: 1,
        questions,
      }),
    ).toBeInstanceOf(ForbiddenError);
  });

  it('versions updates, and locks the questions once someone has attempted', async () => {
    const created = await createAssessment({ maxAttempts: 3 });
    const renamed = await app.send(instructor, CoursePatterns.updateAssessment, {
      assessmentId: created.id,
      title: 'Arithmetic, revised',
      version: created.version,
    });
    expect(renamed.version).toBe(created.version + 1);
    expect(
      await app.failure(instructor, CoursePatterns.updateAssessment, {
        assessmentId: created.id,
        maxAttempts: 5,
        version: created.version,
      }),
    ).toBeInstanceOf(OptimisticLockError);
    const [student] = await learner('First attempter');
    await app.send(student, CoursePatterns.submitAssessment, { assessmentId: created.id, answers: [] });
    expect(
      await app.failure(instructor, CoursePatterns.updateAssessment, {
        assessmentId: created.id,
        questions: questions.slice(0, 1),
        version: renamed.version,
      }),
    ).toMatchObject({ code: 'INVALID_STATE' });
    expect(
      await app.failure(instructor, CoursePatterns.deleteAssessment, { assessmentId: created.id }),
    ).toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('attempts', () => {
  it('grades submissions and refuses attempts beyond the maximum with 409', async () => {
    const assessment = await createAssessment({ maxAttempts: 2 });
    const [student] = await learner('Two tries');
    const first = await app.send(student, CoursePatterns.submitAssessment, {
      assessmentId: assessment.id,
      answers: wrongAnswers(assessment),
    });
    expect(first).toMatchObject({
      attempt: 1,
      passed: false,
      pointsEarned: 0,
      pointsPossible: 4,
      attemptsRemaining: 1,
    });
    const second = await app.send(student, CoursePatterns.submitAssessment, {
      assessmentId: assessment.id,
      answers: rightAnswers(assessment).slice(0, 2),
    });
    expect(second).toMatchObject({ attempt: 2, passed: true, scorePercent: 75, attemptsRemaining: 0 });
    const third = await app.failure(student, CoursePatterns.submitAssessment, {
      assessmentId: assessment.id,
      answers: rightAnswers(assessment),
    });
    expect(third).toBeInstanceOf(ConflictError);
    expect(third).toMatchObject({ code: 'ATTEMPTS_EXHAUSTED', details: { maxAttempts: 2, attemptsUsed: 2 } });
    expect(
      await app.failure(student, CoursePatterns.startAttempt, { assessmentId: assessment.id }),
    ).toMatchObject({
      code: 'ATTEMPTS_EXHAUSTED',
    });
    const attempts = await app.send(student, CoursePatterns.listMyAttempts, { assessmentId: assessment.id });
    expect(attempts.map((a) => [a.attempt, a.status, a.passed])).toEqual([
      [1, 'submitted', false],
      [2, 'submitted', true],
    ]);
  });

  it('never lets concurrent submissions exceed the maximum, and opens one timed attempt at a time', async () => {
    const untimed = await createAssessment({ maxAttempts: 2 });
    const [student] = await learner('Impatient');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        app.send(student, CoursePatterns.submitAssessment, { assessmentId: untimed.id, answers: [] }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as ConflictError] : []));
    expect(refused.map((e) => e.code)).toEqual(Array(4).fill('ATTEMPTS_EXHAUSTED'));

    const timed = await createAssessment({ maxAttempts: 3, timeLimitSeconds: 600 });
    const started = await Promise.all(
      Array.from({ length: 6 }, () =>
        app.send(student, CoursePatterns.startAttempt, { assessmentId: timed.id }),
      ),
    );
    expect(new Set(started.map((a) => a.id)).size).toBe(1);
    expect(await app.send(student, CoursePatterns.listMyAttempts, { assessmentId: timed.id })).toHaveLength(
      1,
    );
  });

  it('fixes the deadline on the server and refuses a late submission with 409, counting the attempt', async () => {
    const assessment = await createAssessment({ maxAttempts: 2, timeLimitSeconds: 60 });
    const [student] = await learner('Slowpoke');
    const before = await app.send(student, CoursePatterns.getAssessment, { assessmentId: assessment.id });
    expect(before.questions).toEqual([]); // timed: questions come with a started attempt
    expect(
      await app.failure(student, CoursePatterns.submitAssessment, {
        assessmentId: assessment.id,
        answers: [],
      }),
    ).toMatchObject({ code: 'INVALID_STATE' });
    const attempt = await app.send(student, CoursePatterns.startAttempt, { assessmentId: assessment.id });
    expect(attempt.questions).toHaveLength(3);
    expect(JSON.stringify(attempt)).not.toContain('"correct"');
    const deadline = new Date(attempt.deadlineAt as string).getTime() - new Date(attempt.startedAt).getTime();
    expect(deadline).toBe(60_000);
    // The clock runs out (moved back rather than waited for).
    await app.dataSource.query(
      `UPDATE assessment_attempts SET deadline_at = now() - interval '1 minute' WHERE id = $1`,
      [attempt.id],
    );
    const late = await app.failure(student, CoursePatterns.submitAssessment, {
      assessmentId: assessment.id,
      attemptId: attempt.id,
      answers: rightAnswers(assessment),
    });
    expect(late).toBeInstanceOf(ConflictError);
    expect(late).toMatchObject({ code: 'TIME_LIMIT_EXCEEDED' });
    const [stored] = await app.send(student, CoursePatterns.listMyAttempts, { assessmentId: assessment.id });
    expect(stored).toMatchObject({ status: 'expired', passed: null });
    // The expired attempt counts: one left, and it can still be passed in time.
    const next = await app.send(student, CoursePatterns.startAttempt, { assessmentId: assessment.id });
    expect(next.attempt).toBe(2);
    const result = await app.send(student, CoursePatterns.submitAssessment, {
      assessmentId: assessment.id,
      answers: rightAnswers(assessment),
    });
    expect(result).toMatchObject({ attempt: 2, passed: true, attemptsRemaining: 0 });
  });

  it('lets only enrolled learners take assessments, and refuses unknown answers', async () => {
    const assessment = await createAssessment();
    expect(
      await app.failure(instructor, CoursePatterns.submitAssessment, {
        assessmentId: assessment.id,
        answers: [],
      }),
    ).toBeInstanceOf(ForbiddenError);
    const outsider = await app.user('Outsider');
    expect(
      await app.failure(outsider, CoursePatterns.startAttempt, { assessmentId: assessment.id }),
    ).toBeInstanceOf(ForbiddenError);
    const [student] = await learner('Creative answerer');
    const bad = await app.failure(student, CoursePatterns.submitAssessment, {
      assessmentId: assessment.id,
      answers: [{ questionId: course.course.id, selected: [0] }],
    });
    expect(bad).toBeInstanceOf(ValidationError);
    // Refused input burns no attempt.
    expect(await app.send(student, CoursePatterns.listMyAttempts, { assessmentId: assessment.id })).toEqual(
      [],
    );
  });
});
