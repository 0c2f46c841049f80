import { ForbiddenError, NotFoundError } from '@platform/common';
import { CoursePatterns, type CourseDetailView, type ModuleView } from '@platform/contracts';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { createCourse, publishedCourse } from './support/fixtures';

let app: CourseTestApp;
let instructor: TestUser;

beforeAll(async () => {
  app = await CourseTestApp.start('curriculum');
  instructor = await app.user('Adele Goldberg', 'instructor');
});

afterAll(() => app.close());

const outline = (courseId: string): Promise<CourseDetailView> =>
  app.send(instructor, CoursePatterns.getCourse, { courseId });

const titles = async (courseId: string) => (await outline(courseId)).modules.map((m) => m.title);
const lessonTitles = async (courseId: string, moduleIndex = 0) =>
  (await outline(courseId)).modules[moduleIndex].lessons.map((l) => l.title);

/** Positions of every parent, straight from the database: dense 1..n, no duplicates. */
async function expectDense(courseId: string): Promise<void> {
  const modules = await app.dataSource.query<{ position: number }[]>(
    'SELECT position FROM course_modules WHERE course_id = $1 ORDER BY position',
    [courseId],
  );
  expect(modules.map((m) => m.position)).toEqual(modules.map((_, i) => i + 1));
  const lessons = await app.dataSource.query<{ positions: number[] }[]>(
    'SELECT module_id, array_agg(position ORDER BY position) AS positions FROM lessons WHERE course_id = $1 GROUP BY module_id',
    [courseId],
  );
  for (const { positions } of lessons) expect(positions).toEqual(positions.map((_, i) => i + 1));
}

const addModule = (courseId: string, title: string, position?: number): Promise<ModuleView> =>
  app.send(instructor, CoursePatterns.createModule, { courseId, title, position });
const addLesson = (moduleId: string, title: string, position?: number) =>
  app.send(instructor, CoursePatterns.createLesson, { moduleId, title, type: 'article', position });

describe('positions', () => {
  it('inserts, moves and removes modules without gaps or collisions', async () => {
    const course = await createCourse(app, instructor);
    const a = await addModule(course.id, 'A');
    await addModule(course.id, 'C');
    await addModule(course.id, 'B', 2);
    await addModule(course.id, 'Z', 99);
    expect(await titles(course.id)).toEqual(['A', 'B', 'C', 'Z']);
    await app.send(instructor, CoursePatterns.updateModule, { moduleId: a.id, position: 3 });
    expect(await titles(course.id)).toEqual(['B', 'C', 'A', 'Z']);
    await app.send(instructor, CoursePatterns.updateModule, { moduleId: a.id, position: 1, title: 'A1' });
    expect(await titles(course.id)).toEqual(['A1', 'B', 'C', 'Z']);
    await app.send(instructor, CoursePatterns.deleteModule, { moduleId: a.id });
    expect(await titles(course.id)).toEqual(['B', 'C', 'Z']);
    expect((await outline(course.id)).modules.map((m) => m.position)).toEqual([1, 2, 3]);
    await expectDense(course.id);
  });

  it('moves lessons within and across modules, closing the gap they leave', async () => {
    const course = await createCourse(app, instructor);
    const first = await addModule(course.id, 'First');
    const second = await addModule(course.id, 'Second');
    const l1 = await addLesson(first.id, 'L1');
    await addLesson(first.id, 'L2');
    await addLesson(first.id, 'L3');
    await addLesson(second.id, 'M1');
    await app.send(instructor, CoursePatterns.updateLesson, { lessonId: l1.id, position: 3 });
    expect(await lessonTitles(course.id)).toEqual(['L2', 'L3', 'L1']);
    await app.send(instructor, CoursePatterns.updateLesson, {
      lessonId: l1.id,
      moduleId: second.id,
      position: 1,
    });
    expect(await lessonTitles(course.id, 0)).toEqual(['L2', 'L3']);
    expect(await lessonTitles(course.id, 1)).toEqual(['L1', 'M1']);
    await expectDense(course.id);
    const elsewhere = await createCourse(app, instructor);
    const foreign = await addModule(elsewhere.id, 'Foreign');
    expect(
      await app.failure(instructor, CoursePatterns.updateLesson, { lessonId: l1.id, moduleId: foreign.id }),
    ).toBeInstanceOf(NotFoundError);
  });

  it('stays dense when many edits of one course arrive at once', async () => {
    const course = await createCourse(app, instructor);
    const modules = await Promise.all(Array.from({ length: 8 }, (_, i) => addModule(course.id, `M${i}`, 1)));
    const lessons = await Promise.all(
      Array.from({ length: 24 }, (_, i) => addLesson(modules[i % 2].id, `L${i}`, (i % 4) + 1)),
    );
    await Promise.all([
      ...modules
        .slice(0, 4)
        .map((m, i) =>
          app.send(instructor, CoursePatterns.updateModule, { moduleId: m.id, position: 8 - i }),
        ),
      ...lessons.slice(0, 6).map((l, i) =>
        app.send(instructor, CoursePatterns.updateLesson, {
          lessonId: l.id,
          moduleId: modules[2].id,
          position: i + 1,
        }),
      ),
      app.send(instructor, CoursePatterns.deleteModule, { moduleId: modules[7].id }),
      ...lessons.slice(20).map((l) => app.send(instructor, CoursePatterns.deleteLesson, { lessonId: l.id })),
    ]);
    await expectDense(course.id);
    const view = await outline(course.id);
    expect(view.modules).toHaveLength(7);
    expect(view.modules.reduce((n, m) => n + m.lessons.length, 0)).toBe(20);
  });
});

describe('who edits the curriculum', () => {
  it('lets only the owner (or an admin) edit, hides drafts, and freezes archived courses', async () => {
    const other = await app.user('Other instructor', 'instructor');
    const admin = await app.user('Admin', 'admin');
    const draft = await createCourse(app, instructor);
    const draftModule = await addModule(draft.id, 'Draft module');
    expect(
      await app.failure(other, CoursePatterns.createLesson, {
        moduleId: draftModule.id,
        title: 'x',
        type: 'video',
      }),
    ).toBeInstanceOf(NotFoundError);
    const { course, module, lessons } = await publishedCourse(app, instructor);
    expect(
      await app.failure(other, CoursePatterns.createModule, { courseId: course.id, title: 'Intruder' }),
    ).toBeInstanceOf(ForbiddenError);
    expect(await app.failure(other, CoursePatterns.deleteLesson, { lessonId: lessons[0].id })).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await app.failure(other, CoursePatterns.getLesson, { lessonId: lessons[0].id })).toBeInstanceOf(
      ForbiddenError,
    );
    await app.send(admin, CoursePatterns.updateModule, { moduleId: module.id, title: 'Renamed by admin' });
    await app.send(instructor, CoursePatterns.archiveCourse, { courseId: course.id });
    expect(
      await app.failure(instructor, CoursePatterns.createModule, { courseId: course.id, title: 'Too late' }),
    ).toMatchObject({ code: 'INVALID_STATE' });
  });
});
