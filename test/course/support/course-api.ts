import {
  type AssessmentView,
  type CourseDetailView,
  type EnrollmentView,
  type LessonView,
  type ModuleView,
} from '@platform/contracts';
import { type Account, registerAccount } from '../../support/accounts';
import { type HttpRequest, type HttpResult, type RequestOptions } from '../../support/http-client';

export const api = (path: string): string => `/api/v1${path}`;

/**
 * Calls a route and insists on the status, failing with what the gateway answered instead
 * (a bare "expected 201, got 409" hides the error code that explains it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as HttpResult: tests read bodies freely
export async function expectStatus<T = any>(
  http: HttpRequest,
  status: number,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult<T>> {
  const res = await http<T>(method, api(path), options);
  if (res.status !== status) {
    throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
  }
  return res;
}

export interface CourseInput {
  title?: string;
  description?: string;
  level?: string;
  priceCents?: number;
  capacity?: number | null;
}

export interface BuiltCourse {
  id: string;
  moduleId: string;
  /** The published required lessons, in order. */
  lessonIds: string[];
}

/** A draft course owned by `owner` (201), as the response body. */
export async function createCourse(
  http: HttpRequest,
  owner: Account,
  input: CourseInput = {},
): Promise<CourseDetailView> {
  const res = await expectStatus<CourseDetailView>(http, 201, 'POST', '/courses', {
    token: owner.accessToken,
    body: { title: 'Test course', level: 'beginner', priceCents: 0, ...input },
  });
  return res.body;
}

/** A published course with one module of `lessons` published article lessons. */
export async function publishedCourse(
  http: HttpRequest,
  owner: Account,
  input: CourseInput & { lessons?: number } = {},
): Promise<BuiltCourse> {
  const { lessons = 2, ...courseInput } = input;
  const course = await createCourse(http, owner, courseInput);
  const module = await expectStatus<ModuleView>(http, 201, 'POST', `/courses/${course.id}/modules`, {
    token: owner.accessToken,
    body: { title: 'Module 1' },
  });
  const lessonIds: string[] = [];
  for (let i = 1; i <= lessons; i++) {
    const lesson = await expectStatus<LessonView>(http, 201, 'POST', `/modules/${module.body.id}/lessons`, {
      token: owner.accessToken,
      body: { title: `Lesson ${i}`, type: 'article', content: `Text ${i}`, isPublished: true },
    });
    lessonIds.push(lesson.body.id);
  }
  await expectStatus(http, 200, 'POST', `/courses/${course.id}/publish`, { token: owner.accessToken });
  return { id: course.id, moduleId: module.body.id, lessonIds };
}

/** A new published quiz lesson in the course's module, with an assessment attached (as the owner sees it). */
export async function quizAssessment(
  http: HttpRequest,
  owner: Account,
  course: BuiltCourse,
  assessment: Record<string, unknown>,
): Promise<AssessmentView> {
  const quiz = await expectStatus<LessonView>(http, 201, 'POST', `/modules/${course.moduleId}/lessons`, {
    token: owner.accessToken,
    body: { title: 'Quiz', type: 'quiz', isPublished: true },
  });
  const created = await expectStatus<AssessmentView>(http, 201, 'POST', `/courses/${course.id}/assessments`, {
    token: owner.accessToken,
    body: { title: 'Quiz', lessonId: quiz.body.id, ...assessment },
  });
  return created.body;
}

/** `count` fresh accounts, registered concurrently (the file must raise RATE_LIMIT_AUTH_MAX). */
export function registerMany(
  http: HttpRequest,
  count: number,
  role: 'student' | 'instructor' = 'student',
): Promise<Account[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => registerAccount(http, role, `Learner ${i + 1}`)),
  );
}

/** Enrolls the learner (201) and returns the enrollment id. */
export async function enroll(http: HttpRequest, learner: Account, courseId: string): Promise<string> {
  const res = await expectStatus<EnrollmentView>(http, 201, 'POST', `/courses/${courseId}/enrollments`, {
    token: learner.accessToken,
  });
  return res.body.id;
}

/** Counts of each status in a batch of responses, e.g. `{ 201: 10, 409: 40 }`. */
export function statusCounts(responses: readonly HttpResult[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const res of responses) counts[res.status] = (counts[res.status] ?? 0) + 1;
  return counts;
}
