import { ValidationError } from '@platform/common';
import { CoursePatterns, type SearchCoursesQuery } from '@platform/contracts';
import { CourseTestApp, type TestUser } from './support/course-test-app';
import { createCourse, publishedCourse } from './support/fixtures';

let app: CourseTestApp;
let otherInstructor: TestUser;
let admin: TestUser;

beforeAll(async () => {
  app = await CourseTestApp.start('course_search');
  otherInstructor = await app.user('Alan Turing', 'instructor');
  admin = await app.user('Root Admin', 'admin');
});

afterAll(() => app.close());

describe('searching the catalog', () => {
  let web: string;
  let frontend: string;
  let ids: Record<string, string>;
  const search = (query: SearchCoursesQuery) => app.send(null, CoursePatterns.searchCourses, query);

  beforeAll(async () => {
    web = (await app.send(admin, CoursePatterns.createCategory, { name: 'Web development' })).id;
    frontend = (await app.send(admin, CoursePatterns.createCategory, { name: 'Frontend', parentId: web })).id;
    const make = async (title: string, description: string, extra: object) =>
      (await publishedCourse(app, otherInstructor, { title, description, ...extra })).course.id;
    ids = {
      kubernetes: await make('Kubernetes in production', 'Operating clusters', {
        level: 'advanced',
        priceCents: 9900,
      }),
      mentions: await make('Cloud operations', 'Deploying services with Kubernetes operators', {
        level: 'advanced',
        priceCents: 1900,
      }),
      react: await make('React for beginners', 'Components and hooks', {
        level: 'beginner',
        priceCents: 0,
        categoryId: frontend,
      }),
      http: await make('HTTP APIs', 'Designing resources', {
        level: 'intermediate',
        priceCents: 0,
        categoryId: web,
      }),
    };
    await createCourse(app, otherInstructor, { title: 'Kubernetes draft', description: 'not yet' });
  });

  it('finds published courses by full text, title matches ranked above description matches', async () => {
    const page = await search({ q: 'kubernetes' });
    expect(page.items.map((c) => c.id)).toEqual([ids.kubernetes, ids.mentions]);
    expect(page.total).toBe(2);
    // Stemming: "hook" finds "hooks"; the draft ("Kubernetes draft") was never found above.
    expect((await search({ q: 'hook' })).items.map((c) => c.id)).toEqual([ids.react]);
  });

  it('filters by category (with its subcategories), level and price', async () => {
    const inWeb = await search({ categoryId: web, sort: 'newest' });
    expect(new Set(inWeb.items.map((c) => c.id))).toEqual(new Set([ids.react, ids.http]));
    expect((await search({ categoryId: frontend })).items.map((c) => c.id)).toEqual([ids.react]);
    expect((await search({ level: 'advanced', maxPriceCents: 5000 })).items.map((c) => c.id)).toEqual([
      ids.mentions,
    ]);
  });

  it('sorts newest first by default, pages stably, and names the allowed sorts on a bad one', async () => {
    const all = await search({ limit: 100 });
    const newestFirst = [...all.items].sort((a, b) =>
      (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''),
    );
    expect(all.items.map((c) => c.id)).toEqual(newestFirst.map((c) => c.id));
    const first = await search({ limit: 2, offset: 0 });
    const second = await search({ limit: 2, offset: 2 });
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(
      all.items.slice(0, 4).map((c) => c.id),
    );
    const error = await app.failure(null, CoursePatterns.searchCourses, { sort: 'cheapest' } as never);
    expect(error).toBeInstanceOf(ValidationError);
    expect(JSON.stringify((error as ValidationError).details)).toContain(
      'relevance, rating, newest, popular',
    );
    expect(
      await app.failure(null, CoursePatterns.searchCourses, { instructorId: 'x' } as never),
    ).toBeInstanceOf(ValidationError);
  });

  it('sorts by popularity', async () => {
    for (const name of ['P1', 'P2', 'P3']) {
      await app.send(await app.user(name), CoursePatterns.enroll, { courseId: ids.http });
    }
    const page = await search({ sort: 'popular', maxPriceCents: 0, limit: 100 });
    expect(page.items[0]).toMatchObject({ id: ids.http, enrollmentCount: 3 });
    const counts = page.items.map((c) => c.enrollmentCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});
