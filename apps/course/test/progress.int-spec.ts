import { ForbiddenError, NotFoundError } from '@platform/common';
import { CoursePatterns, type EnrollmentView } from '@platform/contracts';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { type PublishedCourse, publishedCourse } from './support/fixtures';

let app: CourseTestApp;
let instructor: TestUser;

beforeAll(async () => {
  app = await CourseTestApp.start('progress');
  instructor = await app.user('Frances Allen', 'instructor');
});

afterAll(() => app.close());

const complete = (learner: TestUser, enrollment: EnrollmentView, lessonId: string) =>
  app.send(learner, CoursePatterns.completeLesson, { enrollmentId: enrollment.id, lessonId });

async function enrolled(course: PublishedCourse, name: string): Promise<[TestUser, EnrollmentView]> {
  const learner = await app.user(name);
  return [learner, await app.send(learner, CoursePatterns.enroll, { courseId: course.course.id })];
}

const addLesson = (course: PublishedCourse, title: string, extra: object = {}) =>
  app.send(instructor, CoursePatterns.createLesson, {
    moduleId: course.module.id,
    title,
    type: 'article',
    isPublished: true,
    ...extra,
  });

describe('progress', () => {
  it('counts published required lessons only, and completing twice changes nothing', async () => {
    const course = await publishedCourse(app, instructor, {}, 2);
    const optional = await addLesson(course, 'Further reading', { isRequired: false });
    const [learner, enrollment] = await enrolled(course, 'Counter');
    expect((await complete(learner, enrollment, course.lessons[0].id)).progressPercent).toBe(50);
    expect((await complete(learner, enrollment, optional.id)).progressPercent).toBe(50);
    const again = await complete(learner, enrollment, course.lessons[0].id);
    expect(again.completedLessonIds).toEqual([course.lessons[0].id, optional.id]);
    const events = (await app.outbox('course.lesson.completed')).filter(
      (e) => e.aggregateId === enrollment.id,
    );
    expect(events).toHaveLength(2);
  });

  it('stays ≤ 100 % and completion stays completed after the instructor adds a lesson', async () => {
    const course = await publishedCourse(app, instructor, {}, 2);
    const [finisher, finished] = await enrolled(course, 'Finisher');
    const [halfway, halfwayEnrollment] = await enrolled(course, 'Halfway');
    await complete(finisher, finished, course.lessons[0].id);
    const done = await complete(finisher, finished, course.lessons[1].id);
    expect(done).toMatchObject({ status: 'completed', progressPercent: 100 });
    expect(done.certificateCode).not.toBeNull();
    await complete(halfway, halfwayEnrollment, course.lessons[0].id);

    const added = await addLesson(course, 'Bonus chapter');
    const afterAdd = await app.send(finisher, CoursePatterns.getEnrollment, { enrollmentId: finished.id });
    expect(afterAdd).toMatchObject({ status: 'completed', progressPercent: 100 });
    const halfwayNow = await app.send(halfway, CoursePatterns.getEnrollment, {
      enrollmentId: halfwayEnrollment.id,
    });
    expect(halfwayNow.progressPercent).toBe(33);

    // Completing the new lesson after completion is recorded but changes nothing else.
    const extra = await complete(finisher, finished, added.id);
    expect(extra).toMatchObject({ status: 'completed', progressPercent: 100 });
    expect(
      (await app.outbox('course.enrollment.completed')).filter((e) => e.aggregateId === finished.id),
    ).toHaveLength(1);

    // Unpublishing a lesson the learner completed shrinks the base; it never pushes past 100.
    await app.send(instructor, CoursePatterns.updateLesson, {
      lessonId: course.lessons[1].id,
      isPublished: false,
    });
    const list = await app.send(halfway, CoursePatterns.listMyEnrollments, {});
    expect(list.items[0].progressPercent).toBe(50);
    for (const view of [...list.items, afterAdd]) expect(view.progressPercent).toBeLessThanOrEqual(100);
  });

  it('completes the enrollment exactly once when its last two lessons are completed at the same time', async () => {
    const course = await publishedCourse(app, instructor, {}, 3);
    const [learner, enrollment] = await enrolled(course, 'Racer');
    await complete(learner, enrollment, course.lessons[0].id);
    await Promise.all([
      complete(learner, enrollment, course.lessons[1].id),
      complete(learner, enrollment, course.lessons[2].id),
    ]);
    const view = await app.send(learner, CoursePatterns.getEnrollment, { enrollmentId: enrollment.id });
    expect(view).toMatchObject({ status: 'completed', progressPercent: 100 });
    expect(
      (await app.outbox('course.enrollment.completed')).filter((e) => e.aggregateId === enrollment.id),
    ).toHaveLength(1);
    expect(
      (await app.outbox('course.certificate.issued')).filter((e) => e.aggregateId === enrollment.id),
    ).toHaveLength(1);
  });

  it('lets only the enrolled learner complete published lessons of their own course', async () => {
    const course = await publishedCourse(app, instructor, {}, 1);
    const other = await publishedCourse(app, instructor, {}, 1);
    const draftLesson = await addLesson(course, 'Draft lesson', { isPublished: false });
    const [learner, enrollment] = await enrolled(course, 'Owner of enrollment');
    const stranger = await app.user('Someone else');
    expect(
      await app.failure(stranger, CoursePatterns.completeLesson, {
        enrollmentId: enrollment.id,
        lessonId: course.lessons[0].id,
      }),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await app.failure(instructor, CoursePatterns.completeLesson, {
        enrollmentId: enrollment.id,
        lessonId: course.lessons[0].id,
      }),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await app.failure(learner, CoursePatterns.completeLesson, {
        enrollmentId: enrollment.id,
        lessonId: draftLesson.id,
      }),
    ).toBeInstanceOf(NotFoundError);
    expect(
      await app.failure(learner, CoursePatterns.completeLesson, {
        enrollmentId: enrollment.id,
        lessonId: other.lessons[0].id,
      }),
    ).toBeInstanceOf(NotFoundError);
    await app.send(learner, CoursePatterns.dropEnrollment, { enrollmentId: enrollment.id });
    expect(
      await app.failure(learner, CoursePatterns.completeLesson, {
        enrollmentId: enrollment.id,
        lessonId: course.lessons[0].id,
      }),
    ).toMatchObject({ code: 'INVALID_STATE' });
    // Lesson content follows the seat: gone after the drop.
    expect(
      await app.failure(learner, CoursePatterns.getLesson, { lessonId: course.lessons[0].id }),
    ).toBeInstanceOf(ForbiddenError);
  });
});
