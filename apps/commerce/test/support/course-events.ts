import { newId } from '@platform/common';
import { CommercePatterns, type ProductView } from '@platform/contracts';
import { type EventEnvelope } from '@platform/events';
import { CourseProductsHandlers } from '../../src/course-products/course-products.handlers';
import { type CommerceHarness, type TestUser } from './commerce-harness';

/** An event as the event runtime hands it to a handler. */
export function envelope<D>(type: string, data: D): EventEnvelope<D> {
  return {
    id: newId(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: type.split('.')[0],
    aggregateId: newId(),
    correlationId: newId(),
    data,
  };
}

/**
 * A published course of `capacity` seats (in the seat double) and its product, made the way
 * `course.course.published` makes it.
 */
export async function publishedCourse(
  harness: CommerceHarness,
  instructor: TestUser,
  priceCents = 4_900,
  capacity = 100,
): Promise<ProductView> {
  const courseId = newId();
  harness.seats.double.capacity.set(courseId, capacity);
  await harness.get(CourseProductsHandlers).onPublished(
    envelope('course.course.published', {
      courseId,
      instructorId: instructor.userId,
      title: 'Distributed systems',
      priceCents,
      currency: 'EUR',
      capacity,
      publishedAt: new Date().toISOString(),
    }),
  );
  const page = await harness.send(undefined, CommercePatterns.listProducts, { courseId });
  return page.items[0];
}
