import { Injectable } from '@nestjs/common';
import { type Actor, currentActor, optionalActor, requireOwnerOrAdmin } from '@platform/auth';
import { NotFoundError } from '@platform/common';
import { EnrollmentsRepository } from '../enrollments/enrollments.repository';
import { type Course } from './course.entity';
import { CoursesRepository } from './courses.repository';

export function isOwnerOrAdmin(course: Course, actor: Actor | undefined): boolean {
  return actor !== undefined && (actor.isAdmin || actor.userId === course.instructorId);
}

/** Drafts exist only for their owner and admins; published and archived courses for everyone. */
export function canSee(course: Course, actor: Actor | undefined): boolean {
  return course.status !== 'draft' || isOwnerOrAdmin(course, actor);
}

/**
 * Loads a course the way the caller is allowed to know it. A draft, a deleted course and a
 * missing one are the same NOT_FOUND to anyone but the owner, admins and the learners who
 * hold a seat in it, so ids of unpublished work leak nothing; a visible course someone else
 * owns is FORBIDDEN to edit.
 */
@Injectable()
export class CourseAccess {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly enrollments: EnrollmentsRepository,
  ) {}

  async visible(courseId: string, options: { lock?: boolean } = {}): Promise<Course> {
    const course = options.lock
      ? await this.courses.lockById(courseId)
      : await this.courses.findById(courseId);
    if (!course || !(await this.canSeeCourse(course, optionalActor()))) {
      throw NotFoundError.forEntity('Course', courseId);
    }
    return course;
  }

  /**
   * Unpublishing takes a course out of the catalog, not away from the learners enrolled in
   * it: they keep its outline (as they keep its lessons and quizzes), as their seat promised.
   */
  private async canSeeCourse(course: Course, actor: Actor | undefined): Promise<boolean> {
    if (canSee(course, actor)) return true;
    return actor !== undefined && (await this.enrollments.findSeated(course.id, actor.userId)) !== null;
  }

  /** For changes: the caller must be signed in, see the course, and own it (or be an admin). */
  async owned(courseId: string, options: { lock?: boolean } = {}): Promise<Course> {
    currentActor();
    const course = await this.visible(courseId, options);
    requireOwnerOrAdmin(course.instructorId, 'course');
    return course;
  }
}
