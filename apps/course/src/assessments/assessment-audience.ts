import { Injectable } from '@nestjs/common';
import { type Actor, currentActor } from '@platform/auth';
import { ForbiddenError, NotFoundError } from '@platform/common';
import { canSee, isOwnerOrAdmin } from '../courses/course-access';
import { type Course } from '../courses/course.entity';
import { CoursesRepository } from '../courses/courses.repository';
import { type Enrollment } from '../enrollments/enrollment.entity';
import { EnrollmentsRepository } from '../enrollments/enrollments.repository';

export type AssessmentReader =
  | { kind: 'staff'; actor: Actor; course: Course }
  | { kind: 'learner'; actor: Actor; course: Course; enrollment: Enrollment };

/**
 * Who is looking at a course's assessments: its owner or an admin (answer keys included), or
 * a learner with a seat in it. Anyone else is FORBIDDEN on a course they can see, and gets
 * NOT_FOUND on one they cannot (a draft, a deleted course).
 */
@Injectable()
export class AssessmentAudienceResolver {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly enrollments: EnrollmentsRepository,
  ) {}

  async resolve(courseId: string): Promise<AssessmentReader> {
    const actor = currentActor();
    const course = await this.courses.findById(courseId);
    if (!course) throw NotFoundError.forEntity('Course', courseId);
    if (isOwnerOrAdmin(course, actor)) return { kind: 'staff', actor, course };
    const enrollment = await this.enrollments.findSeated(course.id, actor.userId);
    if (enrollment) return { kind: 'learner', actor, course, enrollment };
    if (!canSee(course, actor)) throw NotFoundError.forEntity('Course', courseId);
    throw new ForbiddenError('Only learners enrolled in the course take its assessments');
  }
}
