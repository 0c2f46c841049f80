import {
  CoursePatterns,
  type CourseDetailView,
  type CreateCourseBody,
  type LessonView,
  type ModuleView,
} from '@platform/contracts';
import { type CourseTestApp, type TestUser } from './course-test-app';

export interface PublishedCourse {
  course: CourseDetailView;
  module: ModuleView;
  lessons: LessonView[];
}

/** A draft course owned by `instructor`. */
export function createCourse(
  app: CourseTestApp,
  instructor: TestUser,
  overrides: Partial<CreateCourseBody> = {},
): Promise<CourseDetailView> {
  return app.send(instructor, CoursePatterns.createCourse, {
    title: 'Practical PostgreSQL',
    description: 'Indexes, transactions and query plans for application developers',
    level: 'intermediate',
    priceCents: 0,
    ...overrides,
  });
}

/** A published course with one module of `lessonCount` published required lessons. */
export async function publishedCourse(
  app: CourseTestApp,
  instructor: TestUser,
  overrides: Partial<CreateCourseBody> = {},
  lessonCount = 2,
): Promise<PublishedCourse> {
  const draft = await createCourse(app, instructor, overrides);
  const module = await app.send(instructor, CoursePatterns.createModule, {
    courseId: draft.id,
    title: 'Basics',
  });
  const lessons: LessonView[] = [];
  for (let i = 1; i <= lessonCount; i += 1) {
    lessons.push(
      await app.send(instructor, CoursePatterns.createLesson, {
        moduleId: module.id,
        title: `Lesson ${i}`,
        type: 'article',
        content: `Body of lesson ${i}`,
        isPublished: true,
      }),
    );
  }
  const course = await app.send(instructor, CoursePatterns.publishCourse, { courseId: draft.id });
  return { course, module, lessons };
}
