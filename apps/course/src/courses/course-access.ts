import { Injectable } from '@nestjs/common';
import { type Actor, currentActor, optionalActor, requireOwnerOrAdmin } from '@platform/auth';
import { NotFoundError } from '@platform/common';
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
 * missing one are the same NOT_FOUND to anyone but the owner and admins, so ids of
 * unpublished work leak nothing; a visible course someone else owns is FORBIDDEN to edit.
 */
@Injectable()
export class CourseAccess {
  constructor(private readonly courses: CoursesRepository) {}

  async visible(courseId: string, options: { lock?: boolean } = {}): Promise<Course> {
    const course = options.lock
      ? await this.courses.lockById(courseId)
      : await this.courses.findById(courseId);
    if (!course || !canSee(course, optionalActor())) throw NotFoundError.forEntity('Course', courseId);
    return course;
  }

  /** For changes: the caller must be signed in, see the course, and own it (or be an admin). */
  async owned(courseId: string, options: { lock?: boolean } = {}): Promise<Course> {
    currentActor();
    const course = await this.visible(courseId, options);
    requireOwnerOrAdmin(course.instructorId, 'course');
    return course;
  }
}
