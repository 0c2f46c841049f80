import { type CourseDetailView, type CourseView, type ModuleView } from '@platform/contracts';
import { type Course } from './course.entity';

export function toCourseView(course: Course, instructorName: string | null): CourseView {
  return {
    id: course.id,
    title: course.title,
    description: course.description,
    categoryId: course.categoryId,
    level: course.level,
    language: course.language,
    priceCents: course.priceCents,
    currency: course.currency,
    capacity: course.capacity,
    seatsRemaining: course.capacity === null ? null : Math.max(course.capacity - course.seatsTaken, 0),
    status: course.status,
    instructor: { id: course.instructorId, name: instructorName },
    ratingAvg: course.ratingAvg,
    ratingCount: course.ratingCount,
    enrollmentCount: course.enrollmentCount,
    publishedAt: course.publishedAt?.toISOString() ?? null,
    archivedAt: course.archivedAt?.toISOString() ?? null,
    createdAt: course.createdAt.toISOString(),
    updatedAt: course.updatedAt.toISOString(),
    version: course.version,
  };
}

export function toCourseDetailView(
  course: Course,
  instructorName: string | null,
  modules: ModuleView[],
): CourseDetailView {
  return { ...toCourseView(course, instructorName), modules };
}

/** What the course.course.* events carry about a course. */
export function courseSnapshot(course: Course) {
  return {
    courseId: course.id,
    instructorId: course.instructorId,
    title: course.title,
    priceCents: course.priceCents,
    currency: course.currency,
    capacity: course.capacity,
  };
}
