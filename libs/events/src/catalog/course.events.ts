import { z } from 'zod';
import { defineEvent } from './define-event';

const courseSnapshot = {
  courseId: z.uuid(),
  instructorId: z.uuid(),
  title: z.string(),
  priceCents: z.number().int().min(0),
  currency: z.string().length(3),
  /** null = unlimited seats. */
  capacity: z.number().int().positive().nullable(),
};

export const CoursePublished = defineEvent({
  type: 'course.course.published',
  version: 1,
  description: 'A course became visible in the catalog (again). Commerce creates or revives its product.',
  schema: z.object({ ...courseSnapshot, publishedAt: z.iso.datetime() }),
});

export const CourseUpdated = defineEvent({
  type: 'course.course.updated',
  version: 1,
  description: 'Course details changed (title, price, capacity, status); carries the state after the change.',
  schema: z.object({
    ...courseSnapshot,
    status: z.enum(['draft', 'published', 'archived']),
    version: z.number().int().positive(),
  }),
});

export const CourseArchived = defineEvent({
  type: 'course.course.archived',
  version: 1,
  description: 'The course left the catalog for good; no new enrollments or sales.',
  schema: z.object({ courseId: z.uuid(), instructorId: z.uuid() }),
});

const enrollmentRef = { enrollmentId: z.uuid(), courseId: z.uuid(), userId: z.uuid() };

export const EnrollmentCreated = defineEvent({
  type: 'course.enrollment.created',
  version: 1,
  description: 'A learner took a seat: by free self-enrollment or through a paid order item.',
  schema: z.object({
    ...enrollmentRef,
    source: z.enum(['free', 'purchase']),
    orderId: z.uuid().nullable(),
    orderItemId: z.uuid().nullable(),
  }),
});

/**
 * A paid order item could not become an enrollment (no seat hold and the course is full,
 * or the course is gone). Commerce refunds that item automatically: a buyer who paid is
 * enrolled or refunded, always.
 */
export const EnrollmentRejected = defineEvent({
  type: 'course.enrollment.rejected',
  version: 1,
  description: 'A paid order item could not become an enrollment; commerce refunds it automatically.',
  schema: z.object({
    courseId: z.uuid(),
    userId: z.uuid(),
    orderId: z.uuid(),
    orderItemId: z.uuid(),
    reason: z.enum(['COURSE_FULL', 'COURSE_UNAVAILABLE', 'ALREADY_ENROLLED']),
  }),
});

export const EnrollmentCompleted = defineEvent({
  type: 'course.enrollment.completed',
  version: 1,
  description: 'Every required published lesson is done.',
  schema: z.object({ ...enrollmentRef, completedAt: z.iso.datetime() }),
});

export const EnrollmentDropped = defineEvent({
  type: 'course.enrollment.dropped',
  version: 1,
  description: 'The seat was given back: dropped by the learner or an admin, or revoked by a refund.',
  schema: z.object({ ...enrollmentRef, reason: z.enum(['dropped', 'refunded']) }),
});

export const LessonCompleted = defineEvent({
  type: 'course.lesson.completed',
  version: 1,
  description: 'A learner completed a lesson for the first time.',
  schema: z.object({ ...enrollmentRef, lessonId: z.uuid(), progressPercent: z.number().min(0).max(100) }),
});

export const CertificateIssued = defineEvent({
  type: 'course.certificate.issued',
  version: 1,
  description: 'A certificate was issued for a completed enrollment; `code` verifies it publicly.',
  schema: z.object({
    ...enrollmentRef,
    certificateId: z.uuid(),
    code: z.string(),
    issuedAt: z.iso.datetime(),
  }),
});

export const ReviewSubmitted = defineEvent({
  type: 'course.review.submitted',
  version: 1,
  description: 'A learner rated a course; carries the course rating after it.',
  schema: z.object({
    reviewId: z.uuid(),
    courseId: z.uuid(),
    userId: z.uuid(),
    rating: z.number().int().min(1).max(5),
    ratingAvg: z.number().min(0).max(5),
    ratingCount: z.number().int().min(0),
  }),
});

export const COURSE_EVENTS = [
  CoursePublished,
  CourseUpdated,
  CourseArchived,
  EnrollmentCreated,
  EnrollmentRejected,
  EnrollmentCompleted,
  EnrollmentDropped,
  LessonCompleted,
  CertificateIssued,
  ReviewSubmitted,
] as const;
