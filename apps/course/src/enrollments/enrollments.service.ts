import { Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import {
  type AppError,
  ConflictError,
  DuplicateKeyError,
  ForbiddenError,
  NotFoundError,
  PaymentRequiredError,
} from '@platform/common';
import {
  type EnrollmentView,
  type ListCourseEnrollmentsRequest,
  type ListMyEnrollmentsQuery,
  type Page,
} from '@platform/contracts';
import { Transactional } from '@platform/database';
import { invalidState } from '../common/domain-errors';
import { CourseAccess } from '../courses/course-access';
import { type Course } from '../courses/course.entity';
import { CoursesRepository } from '../courses/courses.repository';
import { EnrollmentViews } from './enrollment-views';
import { type Enrollment } from './enrollment.entity';
import { EnrollmentEvents } from './enrollment.events';
import { EnrollmentsRepository } from './enrollments.repository';

export interface NewEnrollment {
  courseId: string;
  userId: string;
  source: 'free' | 'purchase';
  orderId?: string;
  orderItemId?: string;
}

function paymentRequired(course: Course): PaymentRequiredError {
  return new PaymentRequiredError('This course is paid: buy it to enroll', {
    details: { courseId: course.id, priceCents: course.priceCents, currency: course.currency },
  });
}

export function alreadyEnrolled(courseId: string): ConflictError {
  return new ConflictError('You are already enrolled in this course', {
    code: 'ALREADY_ENROLLED',
    details: { courseId },
  });
}

@Injectable()
export class EnrollmentsService {
  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly courses: CoursesRepository,
    private readonly access: CourseAccess,
    private readonly views: EnrollmentViews,
    private readonly events: EnrollmentEvents,
  ) {}

  /**
   * Free self-enrollment. The seat is taken by one conditional UPDATE and the enrollment
   * inserted in the same transaction: if the insert fails, the seat goes back with the rollback.
   */
  @Transactional()
  async enroll(courseId: string): Promise<EnrollmentView> {
    const actor = currentActor();
    const course = await this.access.visible(courseId);
    if (course.instructorId === actor.userId)
      throw new ForbiddenError('You cannot enroll in your own course');
    if (course.status !== 'published') throw invalidState('This course is not open for enrollment');
    if (course.priceCents > 0) throw paymentRequired(course);
    if (await this.enrollments.findSeated(courseId, actor.userId)) throw alreadyEnrolled(courseId);
    if (!(await this.courses.takeSeat(courseId, 'free'))) throw await this.whyNoSeat(courseId);
    return this.views.one(await this.create({ courseId, userId: actor.userId, source: 'free' }));
  }

  /** Inserts the enrollment (its seat already taken by the caller) and announces it. */
  @Transactional()
  async create(input: NewEnrollment): Promise<Enrollment> {
    let enrollment: Enrollment;
    try {
      enrollment = await this.enrollments.create({
        courseId: input.courseId,
        userId: input.userId,
        source: input.source,
        status: 'active',
        orderId: input.orderId ?? null,
        orderItemId: input.orderItemId ?? null,
      });
    } catch (error) {
      // A concurrent enrollment of the same user won the partial unique index.
      const constraint = (error as DuplicateKeyError).details as { constraint?: string } | undefined;
      if (
        error instanceof DuplicateKeyError &&
        constraint?.constraint === 'uq_enrollments_course_id_user_id'
      ) {
        throw alreadyEnrolled(input.courseId);
      }
      throw error;
    }
    await this.events.created(enrollment);
    return this.enrollments.getById(enrollment.id);
  }

  /** The learner (or an admin) gives the seat back; a completed enrollment stays. */
  @Transactional()
  async drop(enrollmentId: string): Promise<void> {
    const actor = currentActor();
    const enrollment = await this.enrollments.findById(enrollmentId);
    if (!enrollment) throw NotFoundError.forEntity('Enrollment', enrollmentId);
    if (enrollment.userId !== actor.userId && !actor.isAdmin) {
      throw new ForbiddenError('Only the learner or an admin may drop this enrollment');
    }
    if (!(await this.enrollments.transition(enrollmentId, ['active'], 'dropped'))) {
      const current = await this.enrollments.getById(enrollmentId);
      throw invalidState(`This enrollment is ${current.status}; only an active one can be dropped`, {
        status: current.status,
      });
    }
    await this.courses.releaseSeats(enrollment.courseId, 1, 1);
    await this.events.dropped(enrollment, 'dropped');
  }

  /** The enrollee, the course's owner and admins. */
  async get(enrollmentId: string): Promise<EnrollmentView> {
    const actor = currentActor();
    const enrollment = await this.enrollments.findById(enrollmentId);
    if (!enrollment) throw NotFoundError.forEntity('Enrollment', enrollmentId);
    if (enrollment.userId !== actor.userId && !actor.isAdmin) {
      const course = await this.courses.findById(enrollment.courseId, { withDeleted: true });
      if (course?.instructorId !== actor.userId) {
        throw new ForbiddenError('Only the learner, the course owner or an admin may see this enrollment');
      }
    }
    return this.views.one(enrollment);
  }

  async listMine(query: ListMyEnrollmentsQuery): Promise<Page<EnrollmentView>> {
    const actor = currentActor();
    return this.page({ userId: actor.userId }, query);
  }

  /** The roster of a course, for its owner and admins. */
  async listForCourse(request: ListCourseEnrollmentsRequest): Promise<Page<EnrollmentView>> {
    await this.access.owned(request.courseId);
    return this.page({ courseId: request.courseId }, request);
  }

  private async page(
    scope: { userId?: string; courseId?: string },
    query: ListMyEnrollmentsQuery,
  ): Promise<Page<EnrollmentView>> {
    const page = await this.enrollments.list({
      filter: {
        userId: scope.userId ? { eq: scope.userId } : undefined,
        courseId: scope.courseId ? { eq: scope.courseId } : undefined,
        status: query.status ? { eq: query.status } : undefined,
      },
      limit: query.limit,
      offset: query.offset,
    });
    return { ...page, items: await this.views.many(page.items) };
  }

  /** After a failed take: full, or changed since we read it (closed, or now paid). */
  private async whyNoSeat(courseId: string): Promise<AppError> {
    const course = await this.courses.findById(courseId);
    if (!course || course.status !== 'published')
      return invalidState('This course is not open for enrollment');
    if (course.priceCents > 0) return paymentRequired(course);
    return new ConflictError('This course is full', {
      code: 'COURSE_FULL',
      details: { courseId, capacity: course.capacity },
    });
  }
}
