import { type EnrollmentStatus } from '@platform/contracts';

export interface CountedLesson {
  id: string;
  isRequired: boolean;
}

/**
 * The lessons completion is measured against: the course's published required lessons, or,
 * when an instructor marked none required, all its published lessons.
 */
export function lessonsThatCount<L extends CountedLesson>(publishedLessons: readonly L[]): L[] {
  const required = publishedLessons.filter((lesson) => lesson.isRequired);
  return required.length > 0 ? required : [...publishedLessons];
}

/**
 * Whole percent of the counted lessons completed, rounded down (99.6 % is not done).
 * Completions of lessons that no longer count (unpublished, made optional) are ignored, so a
 * lesson added later lowers the share instead of pushing anyone past 100; a completed
 * enrollment stays at 100 whatever changes afterwards.
 */
export function progressPercent(
  status: EnrollmentStatus,
  completedLessonIds: ReadonlySet<string>,
  publishedLessons: readonly CountedLesson[],
): number {
  if (status === 'completed') return 100;
  const counted = lessonsThatCount(publishedLessons);
  if (counted.length === 0) return 0;
  const done = counted.filter((lesson) => completedLessonIds.has(lesson.id)).length;
  return Math.floor((100 * done) / counted.length);
}

/** Every counted lesson is done (and there is at least one). */
export function allCountedLessonsDone(
  completedLessonIds: ReadonlySet<string>,
  publishedLessons: readonly CountedLesson[],
): boolean {
  const counted = lessonsThatCount(publishedLessons);
  return counted.length > 0 && counted.every((lesson) => completedLessonIds.has(lesson.id));
}
