import { newId } from '@platform/common';
import { CommercePatterns } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { CourseProductsHandlers } from '../src/course-products/course-products.handlers';
import { CommerceHarness, newUser } from './support/commerce-harness';
import { envelope, publishedCourse } from './support/course-events';
import { admin } from './support/fixtures';

let harness: CommerceHarness;

beforeAll(async () => {
  harness = await CommerceHarness.start('course_products');
});

afterAll(async () => {
  await harness?.close();
});

const instructor = newUser('instructor');

describe('course products follow course events', () => {
  const handlers = () => harness.get(CourseProductsHandlers);
  const course = (courseId: string, patch: Record<string, unknown> = {}) => ({
    courseId,
    instructorId: instructor.userId,
    title: 'Go in depth',
    priceCents: 3_000,
    currency: 'EUR',
    capacity: 10,
    ...patch,
  });
  const productOf = async (courseId: string) =>
    (await harness.send(admin, CommercePatterns.listProducts, { courseId, includeInactive: true })).items[0];

  it('a published paid course gets its product, owned by the instructor; a free one none', async () => {
    const courseId = newId();
    await handlers().onPublished(
      envelope('course.course.published', { ...course(courseId), publishedAt: new Date().toISOString() }),
    );
    expect(await productOf(courseId)).toMatchObject({
      sku: `COURSE-${courseId}`,
      name: 'Go in depth',
      priceCents: 3_000,
      isActive: true,
      ownerId: instructor.userId,
      available: null,
    });
    const free = newId();
    await handlers().onPublished(
      envelope('course.course.published', {
        ...course(free, { priceCents: 0 }),
        publishedAt: new Date().toISOString(),
      }),
    );
    expect(await productOf(free)).toBeUndefined();
    // The same event twice gives the same product.
    await handlers().onPublished(
      envelope('course.course.published', { ...course(courseId), publishedAt: new Date().toISOString() }),
    );
    expect(
      (await harness.send(admin, CommercePatterns.listProducts, { courseId, includeInactive: true })).total,
    ).toBe(1);
  });

  it('price changes follow; an older update changes nothing; unpublishing takes it off sale', async () => {
    const courseId = newId();
    await handlers().onPublished(
      envelope('course.course.published', { ...course(courseId), publishedAt: new Date().toISOString() }),
    );
    await handlers().onUpdated(
      envelope('course.course.updated', {
        ...course(courseId, { priceCents: 3_500, title: 'Go, 2nd ed.' }),
        status: 'published',
        version: 3,
      }),
    );
    expect(await productOf(courseId)).toMatchObject({
      priceCents: 3_500,
      name: 'Go, 2nd ed.',
      isActive: true,
    });
    await handlers().onUpdated(
      envelope('course.course.updated', {
        ...course(courseId, { priceCents: 100 }),
        status: 'published',
        version: 2,
      }),
    );
    expect((await productOf(courseId)).priceCents).toBe(3_500);
    await handlers().onUpdated(
      envelope('course.course.updated', {
        ...course(courseId, { priceCents: 3_500 }),
        status: 'draft',
        version: 4,
      }),
    );
    expect((await productOf(courseId)).isActive).toBe(false);
    await handlers().onUpdated(
      envelope('course.course.updated', {
        ...course(courseId, { priceCents: 0 }),
        status: 'published',
        version: 5,
      }),
    );
    expect(await productOf(courseId)).toMatchObject({ isActive: false, priceCents: 0 });
    await handlers().onUpdated(
      envelope('course.course.updated', {
        ...course(courseId, { priceCents: 2_000 }),
        status: 'published',
        version: 6,
      }),
    );
    expect(await productOf(courseId)).toMatchObject({ isActive: true, priceCents: 2_000 });
  });

  it('a late course.course.published (its consumer lagged) never undoes newer updates', async () => {
    const courseId = newId();
    const published = envelope('course.course.published', {
      ...course(courseId),
      publishedAt: new Date().toISOString(),
    });
    // The updates of the same publish and after it are handled first.
    for (const [version, status, priceCents] of [
      [2, 'published', 3_000],
      [3, 'published', 3_500],
      [4, 'draft', 3_500],
    ] as const) {
      await handlers().onUpdated(
        envelope('course.course.updated', { ...course(courseId, { priceCents }), status, version }),
      );
    }
    await handlers().onPublished(published);
    expect(await productOf(courseId)).toMatchObject({ priceCents: 3_500, isActive: false });
  });

  it('the two events of one publish, handled at the same moment, make one product without failing', async () => {
    // course.course.published and .updated reach two consumers together; both find no product.
    // Each runs in a transaction of its own, as the event runtime runs it (with its inbox row).
    const courseIds = Array.from({ length: 10 }, () => newId());
    await Promise.all(
      courseIds.flatMap((courseId) => [
        runInTransaction(() =>
          handlers().onPublished(
            envelope('course.course.published', {
              ...course(courseId),
              publishedAt: new Date().toISOString(),
            }),
          ),
        ),
        runInTransaction(() =>
          handlers().onUpdated(
            envelope('course.course.updated', { ...course(courseId), status: 'published', version: 2 }),
          ),
        ),
      ]),
    );
    for (const courseId of courseIds) {
      const page = await harness.send(admin, CommercePatterns.listProducts, {
        courseId,
        includeInactive: true,
      });
      expect(page.items).toEqual([expect.objectContaining({ priceCents: 3_000, isActive: true })]);
    }
  });

  it('archiving takes it off sale for good', async () => {
    const courseId = newId();
    await handlers().onPublished(
      envelope('course.course.published', { ...course(courseId), publishedAt: new Date().toISOString() }),
    );
    await handlers().onArchived(
      envelope('course.course.archived', { courseId, instructorId: instructor.userId }),
    );
    const archived = await productOf(courseId);
    expect(archived.isActive).toBe(false);
    await handlers().onPublished(
      envelope('course.course.published', { ...course(courseId), publishedAt: new Date().toISOString() }),
    );
    expect((await productOf(courseId)).isActive).toBe(false);
    const current = await productOf(courseId);
    expect(
      await harness.failure(admin, CommercePatterns.updateProduct, {
        productId: current.id,
        isActive: true,
        version: current.version,
      }),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it("the price of a course product is the course's; its instructor may cap its stock", async () => {
    const product = await publishedCourse(harness, instructor);
    expect(
      await harness.failure(admin, CommercePatterns.updateProduct, {
        productId: product.id,
        priceCents: 1,
        version: product.version,
      }),
    ).toMatchObject({ code: 'CONFLICT', details: { courseId: product.courseId } });
    await expect(
      harness.send(instructor, CommercePatterns.setInventory, { productId: product.id, onHand: 20 }),
    ).resolves.toMatchObject({ onHand: 20 });
    expect(
      await harness.failure(newUser('instructor'), CommercePatterns.setInventory, {
        productId: product.id,
        onHand: 1,
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });
});
