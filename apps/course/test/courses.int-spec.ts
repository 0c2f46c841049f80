import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  OptimisticLockError,
  UnauthenticatedError,
  ValidationError,
} from '@platform/common';
import { CoursePatterns } from '@platform/contracts';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { createCourse, publishedCourse } from './support/fixtures';

let app: CourseTestApp;
let instructor: TestUser;
let otherInstructor: TestUser;
let student: TestUser;
let admin: TestUser;

beforeAll(async () => {
  app = await CourseTestApp.start('courses');
  instructor = await app.user('Grace Hopper', 'instructor');
  otherInstructor = await app.user('Alan Turing', 'instructor');
  student = await app.user('Ada Student', 'student');
  admin = await app.user('Root Admin', 'admin');
});

afterAll(() => app.close());

describe('creating and reading courses', () => {
  it('lets an instructor create a draft, named from the projection, and refuses students', async () => {
    const course = await createCourse(app, instructor, { priceCents: 4900, currency: 'EUR', capacity: 30 });
    expect(course).toMatchObject({
      status: 'draft',
      version: 1,
      priceCents: 4900,
      currency: 'EUR',
      capacity: 30,
      seatsRemaining: 30,
      instructor: { id: instructor.userId, name: 'Grace Hopper' },
      modules: [],
      ratingAvg: 0,
      ratingCount: 0,
    });
    expect(
      await app.failure(student, CoursePatterns.createCourse, {
        title: 'x',
        level: 'beginner',
        priceCents: 0,
      }),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await app.failure(null, CoursePatterns.createCourse, { title: 'x', level: 'beginner', priceCents: 0 }),
    ).toBeInstanceOf(UnauthenticatedError);
  });

  it('rejects bad input naming each field', async () => {
    const unknownCategory = await app.failure(instructor, CoursePatterns.createCourse, {
      title: 'Lost',
      level: 'beginner',
      priceCents: 0,
      categoryId: instructor.userId,
    });
    expect(unknownCategory).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'categoryId' }] });
    const error = await app.failure(instructor, CoursePatterns.createCourse, {
      title: '',
      level: 'expert',
      priceCents: -1,
      currency: 'euro',
      capacity: 0,
    } as never);
    expect(error).toBeInstanceOf(ValidationError);
    const fields = ((error as ValidationError).details as { field: string }[]).map((d) => d.field);
    expect(new Set(fields)).toEqual(new Set(['title', 'level', 'priceCents', 'currency', 'capacity']));
  });

  it('hides drafts from everyone but the owner and admins', async () => {
    const draft = await createCourse(app, instructor);
    expect(await app.failure(student, CoursePatterns.getCourse, { courseId: draft.id })).toBeInstanceOf(
      NotFoundError,
    );
    expect(await app.failure(null, CoursePatterns.getCourse, { courseId: draft.id })).toBeInstanceOf(
      NotFoundError,
    );
    expect(
      await app.failure(otherInstructor, CoursePatterns.getCourse, { courseId: draft.id }),
    ).toBeInstanceOf(NotFoundError);
    expect((await app.send(instructor, CoursePatterns.getCourse, { courseId: draft.id })).id).toBe(draft.id);
    expect((await app.send(admin, CoursePatterns.getCourse, { courseId: draft.id })).id).toBe(draft.id);
    // Editing someone else's draft is the same NOT_FOUND: the draft does not exist for them.
    expect(
      await app.failure(otherInstructor, CoursePatterns.updateCourse, {
        courseId: draft.id,
        title: 'Mine',
        version: 1,
      }),
    ).toBeInstanceOf(NotFoundError);
  });

  it('keeps an unpublished course visible to the learners enrolled in it, and to no one else', async () => {
    const { course } = await publishedCourse(app, instructor);
    await app.send(student, CoursePatterns.enroll, { courseId: course.id });
    await app.send(instructor, CoursePatterns.unpublishCourse, { courseId: course.id });
    const asLearner = await app.send(student, CoursePatterns.getCourse, { courseId: course.id });
    expect(asLearner).toMatchObject({ id: course.id, status: 'draft' });
    expect(asLearner.modules[0].lessons.map((l) => l.title)).toEqual(['Lesson 1', 'Lesson 2']);
    expect(
      await app.failure(otherInstructor, CoursePatterns.getCourse, { courseId: course.id }),
    ).toBeInstanceOf(NotFoundError);
    expect(await app.failure(null, CoursePatterns.getCourse, { courseId: course.id })).toBeInstanceOf(
      NotFoundError,
    );
    // Seeing it is not owning it.
    expect(
      await app.failure(student, CoursePatterns.updateCourse, {
        courseId: course.id,
        title: 'x',
        version: 1,
      }),
    ).toBeInstanceOf(ForbiddenError);
  });

  it('shows learners only published lessons, the owner all of them', async () => {
    const { course, module } = await publishedCourse(app, instructor);
    await app.send(instructor, CoursePatterns.createLesson, {
      moduleId: module.id,
      title: 'Unfinished',
      type: 'video',
    });
    const asStudent = await app.send(student, CoursePatterns.getCourse, { courseId: course.id });
    const asOwner = await app.send(instructor, CoursePatterns.getCourse, { courseId: course.id });
    expect(asStudent.modules[0].lessons.map((l) => l.title)).toEqual(['Lesson 1', 'Lesson 2']);
    expect(asOwner.modules[0].lessons.map((l) => l.title)).toEqual(['Lesson 1', 'Lesson 2', 'Unfinished']);
  });
});

describe('editing courses', () => {
  it('applies an update with the current version and refuses a stale one with VERSION_CONFLICT', async () => {
    const course = await createCourse(app, instructor);
    const updated = await app.send(instructor, CoursePatterns.updateCourse, {
      courseId: course.id,
      title: 'Practical PostgreSQL, 2nd edition',
      capacity: null,
      version: course.version,
    });
    expect(updated).toMatchObject({
      title: 'Practical PostgreSQL, 2nd edition',
      version: course.version + 1,
    });
    const stale = await app.failure(instructor, CoursePatterns.updateCourse, {
      courseId: course.id,
      title: 'Lost update',
      version: course.version,
    });
    expect(stale).toBeInstanceOf(OptimisticLockError);
    expect(stale).toMatchObject({ code: 'VERSION_CONFLICT' });
    const current = await app.send(instructor, CoursePatterns.getCourse, { courseId: course.id });
    expect(current.title).toBe('Practical PostgreSQL, 2nd edition');
    const [event] = (await app.outbox('course.course.updated')).filter((e) => e.aggregateId === course.id);
    expect(event.data).toMatchObject({
      title: 'Practical PostgreSQL, 2nd edition',
      status: 'draft',
      version: 2,
    });
  });

  it('forbids edits by anyone but the owner or an admin on a visible course', async () => {
    const { course } = await publishedCourse(app, instructor);
    const attempt = { courseId: course.id, title: 'Hijacked', version: course.version };
    expect(await app.failure(otherInstructor, CoursePatterns.updateCourse, attempt)).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await app.failure(student, CoursePatterns.updateCourse, attempt)).toBeInstanceOf(ForbiddenError);
    expect(await app.failure(student, CoursePatterns.archiveCourse, { courseId: course.id })).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await app.failure(student, CoursePatterns.deleteCourse, { courseId: course.id })).toBeInstanceOf(
      ForbiddenError,
    );
    const byAdmin = await app.send(admin, CoursePatterns.updateCourse, {
      ...attempt,
      title: 'Fixed by admin',
    });
    expect(byAdmin.title).toBe('Fixed by admin');
  });

  it('runs the lifecycle draft → published → draft → published → archived, with its events', async () => {
    const draft = await createCourse(app, instructor, { title: 'Lifecycle course' });
    const empty = await app.failure(instructor, CoursePatterns.publishCourse, { courseId: draft.id });
    expect(empty).toMatchObject({ code: 'INVALID_STATE' });
    const module = await app.send(instructor, CoursePatterns.createModule, {
      courseId: draft.id,
      title: 'M',
    });
    await app.send(instructor, CoursePatterns.createLesson, {
      moduleId: module.id,
      title: 'L',
      type: 'article',
      isPublished: true,
    });
    const published = await app.send(instructor, CoursePatterns.publishCourse, { courseId: draft.id });
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    expect((await app.send(instructor, CoursePatterns.unpublishCourse, { courseId: draft.id })).status).toBe(
      'draft',
    );
    await app.send(instructor, CoursePatterns.publishCourse, { courseId: draft.id });
    const archived = await app.send(instructor, CoursePatterns.archiveCourse, { courseId: draft.id });
    expect(archived.status).toBe('archived');
    expect(await app.failure(instructor, CoursePatterns.publishCourse, { courseId: draft.id })).toMatchObject(
      {
        code: 'INVALID_STATE',
      },
    );
    expect(
      await app.failure(instructor, CoursePatterns.updateCourse, {
        courseId: draft.id,
        title: 'x',
        version: 99,
      }),
    ).toMatchObject({ code: 'INVALID_STATE' });
    const types = (await app.outbox()).filter((e) => e.aggregateId === draft.id).map((e) => e.type);
    expect(types).toEqual([
      'course.course.published',
      'course.course.updated',
      'course.course.updated',
      'course.course.published',
      'course.course.updated',
      'course.course.archived',
      'course.course.updated',
    ]);
  });

  it('soft-deletes a course nobody is enrolled in: it is gone for everyone', async () => {
    const { course } = await publishedCourse(app, instructor);
    await app.send(instructor, CoursePatterns.deleteCourse, { courseId: course.id });
    expect(await app.failure(instructor, CoursePatterns.getCourse, { courseId: course.id })).toBeInstanceOf(
      NotFoundError,
    );
    expect(await app.failure(admin, CoursePatterns.getCourse, { courseId: course.id })).toBeInstanceOf(
      NotFoundError,
    );
    const [row] = await app.dataSource.query<
      {
        deleted_at: Date | null;
      }[]
    >('SELECT deleted_at FROM courses WHERE id = $1', [course.id]);
    expect(row.deleted_at).not.toBeNull();
  });

  it('refuses a capacity below the seats taken with a conflict naming capacity', async () => {
    const { course } = await publishedCourse(app, instructor, { capacity: 5 });
    const learners = await Promise.all([app.user('L1'), app.user('L2')]);
    for (const learner of learners) await app.send(learner, CoursePatterns.enroll, { courseId: course.id });
    const current = await app.send(instructor, CoursePatterns.getCourse, { courseId: course.id });
    expect(current.version).toBe(course.version); // enrollments do not bump the version
    const error = await app.failure(instructor, CoursePatterns.updateCourse, {
      courseId: course.id,
      capacity: 1,
      version: current.version,
    });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ details: { field: 'capacity' } });
    expect(await app.failure(instructor, CoursePatterns.deleteCourse, { courseId: course.id })).toMatchObject(
      {
        code: 'INVALID_STATE',
      },
    );
  });
});
