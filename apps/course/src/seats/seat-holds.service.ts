import { Inject, Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import {
  type AppError,
  ConflictError,
  DuplicateKeyError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  NotFoundError,
  ValidationError,
} from '@platform/common';
import { type HoldSeatRequest, type SeatHoldView } from '@platform/contracts';
import { Transactional } from '@platform/database';
import { COURSE_CONFIG, type CourseConfig } from '../config';
import { invalidState } from '../common/domain-errors';
import { CoursesRepository } from '../courses/courses.repository';
import { EnrollmentsRepository } from '../enrollments/enrollments.repository';
import { alreadyEnrolled } from '../enrollments/enrollments.service';
import { type SeatHold } from './seat-hold.entity';
import { SeatHoldsRepository } from './seat-holds.repository';

function freeCourse(): AppError {
  return invalidState('This course is free: enroll directly, no order needed');
}

function toSeatHoldView(hold: SeatHold): SeatHoldView {
  return {
    holdId: hold.id,
    courseId: hold.courseId,
    orderItemId: hold.orderItemId,
    expiresAt: hold.expiresAt.toISOString(),
  };
}

/**
 * Seats held for orders waiting for payment (`course.seats.hold`, asked by commerce in the
 * buyer's context). A hold takes a seat with the same conditional UPDATE as an enrollment:
 * holds and enrollments share the capacity, so paid and free learners together never exceed it.
 */
@Injectable()
export class SeatHoldsService {
  constructor(
    private readonly holds: SeatHoldsRepository,
    private readonly courses: CoursesRepository,
    private readonly enrollments: EnrollmentsRepository,
    @Inject(COURSE_CONFIG) private readonly config: CourseConfig,
  ) {}

  /** Idempotent per order item: asking again answers the same hold. */
  async hold(request: HoldSeatRequest): Promise<SeatHoldView> {
    const actor = currentActor();
    if (actor.userId !== request.userId && !actor.isAdmin) {
      throw new ForbiddenError('Seats are held only for the buyer asking for them');
    }
    const existing = await this.holds.findByOrderItem(request.orderItemId);
    if (existing) return this.replay(existing, request);
    try {
      return await this.holdOnce(request);
    } catch (error) {
      // The same order item asked twice at once: the loser's insert failed on the unique key
      // (and its seat went back with the rollback); answer with the winner's hold.
      const winner =
        error instanceof DuplicateKeyError ? await this.holds.findByOrderItem(request.orderItemId) : null;
      if (winner) return this.replay(winner, request);
      throw error;
    }
  }

  @Transactional()
  private async holdOnce(request: HoldSeatRequest): Promise<SeatHoldView> {
    const expiresAt = new Date(request.expiresAt);
    if (expiresAt.getTime() <= Date.now()) {
      throw new ValidationError('The order has already expired', {
        details: [{ field: 'expiresAt', message: 'must be in the future' }],
      });
    }
    const course = await this.courses.findById(request.courseId);
    if (!course || course.status !== 'published') throw NotFoundError.forEntity('Course', request.courseId);
    if (course.priceCents === 0) throw freeCourse();
    if (await this.enrollments.findSeated(course.id, request.userId)) throw alreadyEnrolled(course.id);
    if (!(await this.courses.takeSeat(course.id, 'hold'))) throw await this.whyNoSeat(course.id);
    const hold = await this.holds.create({
      courseId: course.id,
      userId: request.userId,
      orderId: request.orderId,
      orderItemId: request.orderItemId,
      status: 'held',
      expiresAt,
      releaseAfter: new Date(expiresAt.getTime() + this.config.SEAT_HOLD_GRACE_MINUTES * 60_000),
      resolvedAt: null,
    });
    return toSeatHoldView(hold);
  }

  /** After a failed take: full, or changed since we read it (unpublished, or now free). */
  private async whyNoSeat(courseId: string): Promise<AppError> {
    const course = await this.courses.findById(courseId);
    if (!course || course.status !== 'published') return NotFoundError.forEntity('Course', courseId);
    if (course.priceCents === 0) return freeCourse();
    return new ConflictError('This course is full', {
      code: 'COURSE_FULL',
      details: { courseId, capacity: course.capacity },
    });
  }

  /** The same order item must describe the same purchase; anything else is a misuse of the key. */
  private replay(hold: SeatHold, request: HoldSeatRequest): SeatHoldView {
    if (
      hold.courseId !== request.courseId ||
      hold.userId !== request.userId ||
      hold.orderId !== request.orderId
    ) {
      throw new IdempotencyKeyReusedError('This order item already holds a seat for another purchase', {
        details: { orderItemId: request.orderItemId },
      });
    }
    return toSeatHoldView(hold);
  }
}
