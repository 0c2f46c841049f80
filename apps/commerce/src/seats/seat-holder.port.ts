import { type HoldSeatRequest, type SeatHoldView } from '@platform/contracts';

/**
 * Holds a course seat for an order item while the order waits for payment. Course guards
 * capacity; commerce only asks. Idempotent per order item. Errors: COURSE_FULL,
 * ALREADY_ENROLLED, NOT_FOUND (no published course), or TIMEOUT/UNAVAILABLE when course
 * does not answer (the hold may then exist).
 */
export interface SeatHolder {
  hold(request: HoldSeatRequest): Promise<SeatHoldView>;
}

export const SEAT_HOLDER = Symbol('SEAT_HOLDER');
