import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@platform/database';
import {
  EnrollmentRejected,
  EventPublisher,
  type EventData,
  type OrderPaid,
  type OrderRefunded,
} from '@platform/events';
import { CertificatesService } from '../certificates/certificates.service';
import { CoursesRepository } from '../courses/courses.repository';
import { EnrollmentEvents } from '../enrollments/enrollment.events';
import { EnrollmentsRepository } from '../enrollments/enrollments.repository';
import { EnrollmentsService } from '../enrollments/enrollments.service';
import { type SeatHold, type SeatHoldStatus } from '../seats/seat-hold.entity';
import { SeatHoldsRepository } from '../seats/seat-holds.repository';

type PaidOrder = EventData<typeof OrderPaid>;
type OrderItem = PaidOrder['items'][number];
type CourseItem = OrderItem & { courseId: string };
type Rejection = EventData<typeof EnrollmentRejected>['reason'];

/** The course items of an order, in a fixed order (by course) so concurrent handlers lock rows alike. */
function courseItems(items: readonly OrderItem[]): CourseItem[] {
  return items
    .filter((item): item is CourseItem => item.courseId !== null)
    .sort((a, b) => a.courseId.localeCompare(b.courseId) || a.orderItemId.localeCompare(b.orderItemId));
}

/**
 * What course does with commerce's order events. A buyer who paid ends enrolled or refunded,
 * always: a paid item becomes an enrollment (consuming its seat hold, or taking a free seat),
 * or course.enrollment.rejected makes commerce refund it. Every outcome is recorded on the
 * item's seat_holds row (and enrollments.order_item_id), so a repeated event changes nothing.
 * Items are bought one per buyer: a quantity above one still enrolls the buyer once.
 */
@Injectable()
export class PurchasesService {
  private readonly logger = new Logger(PurchasesService.name);

  constructor(
    private readonly holds: SeatHoldsRepository,
    private readonly courses: CoursesRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly enrollmentsService: EnrollmentsService,
    private readonly certificates: CertificatesService,
    private readonly enrollmentEvents: EnrollmentEvents,
    private readonly publisher: EventPublisher,
  ) {}

  /** commerce.order.paid */
  @Transactional()
  async enrollPaidOrder(order: PaidOrder): Promise<void> {
    for (const item of courseItems(order.items)) await this.settlePaidItem(order, item);
  }

  /** commerce.order.canceled / commerce.order.expired: the seats held for the order go back. */
  @Transactional()
  async releaseHolds(order: { items: readonly OrderItem[] }): Promise<void> {
    for (const item of courseItems(order.items)) {
      const hold = await this.holds.lockByOrderItem(item.orderItemId);
      if (hold && (await this.holds.settle(hold.id, 'held', 'released'))) {
        await this.courses.releaseSeats(hold.courseId, 1, 0);
      }
    }
  }

  /** commerce.order.refunded: the enrollments of the revoked items end, their seats go back. */
  @Transactional()
  async revokeRefundedItems(refund: EventData<typeof OrderRefunded>): Promise<void> {
    for (const item of courseItems(refund.revokedItems)) {
      // The item's seat_holds row first: it is locked by order.paid's handler while that one
      // enrolls, so this waits for it and then sees its enrollment. Looking for the enrollment
      // before the lock found none while the payment was mid-transaction, then found the hold
      // consumed, and left a refunded buyer enrolled (seen with course restarted after both events).
      const hold = await this.holds.lockByOrderItem(item.orderItemId);
      const enrollment = await this.enrollments.findByOrderItem(item.orderItemId);
      if (enrollment) {
        if (await this.enrollments.transition(enrollment.id, ['active', 'completed'], 'refunded')) {
          await this.courses.releaseSeats(enrollment.courseId, 1, 1);
          await this.certificates.revokeFor(enrollment.id);
          await this.enrollmentEvents.dropped(enrollment, 'refunded');
        }
        continue;
      }
      // Refunded before its payment was settled here (the handlers are separate consumers):
      // mark the item so that a late order.paid does not enroll a refunded buyer.
      if (hold?.status === 'held' && (await this.holds.settle(hold.id, 'held', 'revoked'))) {
        await this.courses.releaseSeats(hold.courseId, 1, 0);
      } else if (hold?.status === 'released') {
        await this.holds.settle(hold.id, 'released', 'revoked');
      } else if (!hold) {
        await this.record(null, refund, item, 'revoked');
      }
    }
  }

  private async settlePaidItem(order: PaidOrder, item: CourseItem): Promise<void> {
    const hold = await this.holds.lockByOrderItem(item.orderItemId);
    if (hold && hold.status !== 'held' && hold.status !== 'released') return; // settled before
    if (await this.enrollments.findByOrderItem(item.orderItemId)) return;
    const alreadySeated = (await this.enrollments.findSeated(item.courseId, order.userId)) !== null;
    if (hold?.status === 'held') {
      if (alreadySeated) {
        await this.holds.settle(hold.id, 'held', 'rejected');
        await this.courses.releaseSeats(hold.courseId, 1, 0);
        return this.reject(order, item, 'ALREADY_ENROLLED');
      }
      await this.holds.settle(hold.id, 'held', 'consumed');
      await this.courses.countEnrollmentOfHeldSeat(item.courseId);
      return this.enroll(order, item);
    }
    // No hold, or it was released (the order was paid late): a seat must be free now.
    const outcome = alreadySeated ? 'ALREADY_ENROLLED' : await this.takeSeat(item.courseId);
    if (outcome === 'taken') {
      await this.record(hold, order, item, 'consumed');
      return this.enroll(order, item);
    }
    await this.record(hold, order, item, 'rejected');
    return this.reject(order, item, outcome);
  }

  private async takeSeat(courseId: string): Promise<'taken' | Rejection> {
    if (await this.courses.takeSeat(courseId, 'purchase')) return 'taken';
    const course = await this.courses.findById(courseId);
    return course?.status === 'published' ? 'COURSE_FULL' : 'COURSE_UNAVAILABLE';
  }

  private async enroll(order: PaidOrder, item: CourseItem): Promise<void> {
    await this.enrollmentsService.create({
      courseId: item.courseId,
      userId: order.userId,
      source: 'purchase',
      orderId: order.orderId,
      orderItemId: item.orderItemId,
    });
  }

  private async reject(order: PaidOrder, item: CourseItem, reason: Rejection): Promise<void> {
    await this.publisher.publish(EnrollmentRejected, {
      aggregateId: item.orderItemId,
      data: {
        courseId: item.courseId,
        userId: order.userId,
        orderId: order.orderId,
        orderItemId: item.orderItemId,
        reason,
      },
    });
  }

  /** Records the item's fate on its seat_holds row (creating one for an item that had no hold). */
  private async record(
    hold: SeatHold | null,
    order: { orderId: string; userId: string },
    item: CourseItem,
    status: SeatHoldStatus,
  ): Promise<void> {
    if (hold) {
      await this.holds.settle(hold.id, hold.status, status);
      return;
    }
    if (!(await this.courses.findById(item.courseId, { withDeleted: true }))) {
      this.logger.warn(
        `Order item ${item.orderItemId} names course ${item.courseId}, which never existed here`,
      );
      return;
    }
    const now = new Date();
    await this.holds.create({
      courseId: item.courseId,
      userId: order.userId,
      orderId: order.orderId,
      orderItemId: item.orderItemId,
      status,
      expiresAt: now,
      releaseAfter: now,
      resolvedAt: now,
    });
  }
}
