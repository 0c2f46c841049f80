/**
 * The closed vocabularies of the course service, shared by its DTOs (validation), its
 * entities (CHECK constraints) and the gateway (OpenAPI enums).
 */
export const COURSE_LEVELS = ['beginner', 'intermediate', 'advanced', 'all_levels'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

/** draft → published ⇄ draft (unpublish); draft|published → archived, which is final. */
export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const COURSE_SORTS = ['relevance', 'rating', 'newest', 'popular'] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];

export const LESSON_TYPES = ['video', 'article', 'quiz'] as const;
export type LessonType = (typeof LESSON_TYPES)[number];

/** active and completed hold a seat; dropped and refunded gave it back. */
export const ENROLLMENT_STATUSES = ['active', 'completed', 'dropped', 'refunded'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const ENROLLMENT_SOURCES = ['free', 'purchase'] as const;
export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];

export const QUESTION_TYPES = ['single', 'multiple', 'true_false'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const ATTEMPT_STATUSES = ['in_progress', 'submitted', 'expired'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** ISO 4217 alphabetic code. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
/** A BCP 47 language tag as courses use it: `en`, `pt-BR`, `zh-Hant`. */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;
