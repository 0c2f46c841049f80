import { waitUntil } from '@platform/testing';
import { type CommerceE2E } from './commerce-platform';

export interface PaidCourseItem {
  orderItemId: string;
  orderId: string;
  userId: string;
  orderStatus: string;
  refunded: boolean;
  /** Status of the enrollment course made for this item, or null if none. */
  enrollment: string | null;
}

const SEATED = new Set(['active', 'completed']);

/** Enrolled (and not refunded), or refunded (and not enrolled): the only two ways a paid item may end. */
export function isSettled(item: PaidCourseItem): boolean {
  return item.refunded
    ? item.enrollment === null || !SEATED.has(item.enrollment)
    : item.enrollment !== null && SEATED.has(item.enrollment);
}

/** Every course item of every order that was paid, with what commerce and course each say about it. */
export async function paidCourseItems(e2e: CommerceE2E): Promise<PaidCourseItem[]> {
  const items = await e2e.commerceDb.rows<{
    order_item_id: string;
    order_id: string;
    user_id: string;
    status: string;
    refunded: boolean;
  }>(
    `SELECT i.id AS order_item_id, o.id AS order_id, o.user_id, o.status, i.refunded_at IS NOT NULL AS refunded
       FROM order_items i JOIN orders o ON o.id = i.order_id
      WHERE i.course_id IS NOT NULL AND o.paid_at IS NOT NULL`,
  );
  const enrollments = await e2e.courseDb.rows<{ order_item_id: string; status: string }>(
    'SELECT order_item_id, status FROM enrollments WHERE order_item_id = ANY($1::uuid[])',
    [items.map((item) => item.order_item_id)],
  );
  const byItem = new Map(enrollments.map((row) => [row.order_item_id, row.status]));
  return items.map((item) => ({
    orderItemId: item.order_item_id,
    orderId: item.order_id,
    userId: item.user_id,
    orderStatus: item.status,
    refunded: item.refunded,
    enrollment: byItem.get(item.order_item_id) ?? null,
  }));
}

/**
 * Waits (bounded) until every paid course item has ended enrolled or refunded — the promise
 * "a buyer who paid is enrolled or refunded, always" — and returns them.
 */
export function everyPaidCourseItemSettled(e2e: CommerceE2E, timeoutMs = 20_000): Promise<PaidCourseItem[]> {
  return waitUntil(
    () => paidCourseItems(e2e),
    (items) => items.every(isSettled),
    { timeoutMs, intervalMs: 200, what: 'every paid course item to be enrolled or refunded' },
  );
}

/** Enrollments per order item in course's database: each paid item must have at most one. */
export async function enrollmentsPerOrderItem(e2e: CommerceE2E): Promise<Map<string, number>> {
  const rows = await e2e.courseDb.rows<{ order_item_id: string; count: number }>(
    `SELECT order_item_id, count(*)::int AS count FROM enrollments
      WHERE order_item_id IS NOT NULL GROUP BY order_item_id`,
  );
  return new Map(rows.map((row) => [row.order_item_id, row.count]));
}
