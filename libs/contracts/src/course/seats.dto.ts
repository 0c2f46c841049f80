import { IsISO8601, IsUUID } from 'class-validator';
import { definePattern } from '../messaging/request-pattern';

/**
 * Commerce asks course to hold a seat while an order with a course item waits for payment
 * (capacity is course's to guard; holds and enrollments share one seat counter). The hold
 * becomes an enrollment on `commerce.order.paid`, and is released on
 * `commerce.order.canceled` / `commerce.order.expired`, or by course itself some minutes
 * after `expiresAt` as a backstop. Idempotent per `orderItemId`. Sent in the buyer's
 * request context: course checks that the caller is `userId`.
 */
export class HoldSeatRequest {
  @IsUUID()
  courseId!: string;

  @IsUUID()
  userId!: string;

  @IsUUID()
  orderId!: string;

  @IsUUID()
  orderItemId!: string;

  /** When the order expires; commerce refuses payment after it. */
  @IsISO8601({ strict: true })
  expiresAt!: string;
}

export interface SeatHoldView {
  holdId: string;
  courseId: string;
  orderItemId: string;
  expiresAt: string;
}

/**
 * Errors: NOT_FOUND (no published course), COURSE_FULL, ALREADY_ENROLLED (the buyer has an
 * active enrollment), FORBIDDEN (caller is not the buyer).
 */
export const SeatPatterns = {
  hold: definePattern<HoldSeatRequest, SeatHoldView>('course.seats.hold', HoldSeatRequest),
} as const;
