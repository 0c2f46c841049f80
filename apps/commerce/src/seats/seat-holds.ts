import { ConflictError, isAppError } from '@platform/common';
import { type OrderItem } from '../orders/order-item.entity';
import { type Order } from '../orders/order.entity';
import { type SeatHolder } from './seat-holder.port';

/** Answers by which course refused a hold: no hold exists after them. */
const REFUSALS = new Set(['COURSE_FULL', 'ALREADY_ENROLLED', 'NOT_FOUND', 'FORBIDDEN', 'VALIDATION_FAILED']);

/**
 * The seat holds of one order being placed. Remembers whether any hold exists (or may:
 * course did not answer in time), so a placement that fails afterwards knows it must tell
 * course to release them.
 */
export class SeatHolds {
  private possiblyHeld = 0;

  constructor(private readonly seats: SeatHolder) {}

  get mayHoldSeats(): boolean {
    return this.possiblyHeld > 0;
  }

  /** Holds a seat per course item, in course-id order; throws the first refusal in the buyer's terms. */
  async holdAll(order: Order, items: readonly OrderItem[]): Promise<void> {
    const courseItems = items
      .filter((item): item is OrderItem & { courseId: string } => item.courseId !== null)
      .sort((a, b) => (a.courseId < b.courseId ? -1 : a.courseId > b.courseId ? 1 : 0));
    for (const item of courseItems) {
      try {
        await this.seats.hold({
          courseId: item.courseId,
          userId: order.userId,
          orderId: order.id,
          orderItemId: item.id,
          expiresAt: order.expiresAt.toISOString(),
        });
        this.possiblyHeld += 1;
      } catch (error) {
        if (!isAppError(error) || !REFUSALS.has(error.code)) this.possiblyHeld += 1;
        throw inBuyersTerms(error, item);
      }
    }
  }
}

function inBuyersTerms(error: unknown, item: OrderItem & { courseId: string }): unknown {
  if (!isAppError(error)) return error;
  const where = { productId: item.productId, courseId: item.courseId };
  if (error.code === 'NOT_FOUND') {
    return new ConflictError(`The course of "${item.name}" is not open for purchase`, {
      code: 'PRODUCT_UNAVAILABLE',
      details: where,
    });
  }
  if (error.code === 'COURSE_FULL' || error.code === 'ALREADY_ENROLLED') {
    const message =
      error.code === 'COURSE_FULL' ? `"${item.name}" is full` : `You are already enrolled in "${item.name}"`;
    return new ConflictError(message, { code: error.code, details: where });
  }
  return error;
}
