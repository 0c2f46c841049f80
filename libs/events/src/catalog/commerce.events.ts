import { z } from 'zod';
import { defineEvent } from './define-event';

/** An order line as other services need it; `courseId` is set for a course product. */
const orderItem = z.object({
  orderItemId: z.uuid(),
  productId: z.uuid(),
  courseId: z.uuid().nullable(),
  quantity: z.number().int().positive(),
  unitPriceCents: z.number().int().min(0),
});

const orderRef = {
  orderId: z.uuid(),
  userId: z.uuid(),
  currency: z.string().length(3),
};

export const OrderPlaced = defineEvent({
  type: 'commerce.order.placed',
  version: 1,
  description: 'An order was placed and its stock (and course seats) are reserved until expiresAt.',
  schema: z.object({
    ...orderRef,
    items: z.array(orderItem),
    totalCents: z.number().int().min(0),
    expiresAt: z.iso.datetime(),
  }),
});

export const OrderPaid = defineEvent({
  type: 'commerce.order.paid',
  version: 1,
  description: 'Payment was captured. Course turns the seat holds of its course items into enrollments.',
  schema: z.object({
    ...orderRef,
    items: z.array(orderItem),
    totalCents: z.number().int().min(0),
    paymentId: z.uuid(),
    invoiceId: z.uuid(),
    paidAt: z.iso.datetime(),
  }),
});

export const OrderCanceled = defineEvent({
  type: 'commerce.order.canceled',
  version: 1,
  description: 'An unpaid order was canceled; its reservations (stock and seat holds) are released.',
  schema: z.object({
    ...orderRef,
    items: z.array(orderItem),
    canceledBy: z.enum(['customer', 'admin']),
    /**
     * Why, when it was not simply the buyer's or an admin's choice: the error code that stopped
     * the order's placement after some seats were already held (e.g. COURSE_FULL for its second
     * course), so course releases those holds at once.
     */
    reason: z.string().optional(),
  }),
});

export const OrderExpired = defineEvent({
  type: 'commerce.order.expired',
  version: 1,
  description: 'An order stayed unpaid past expiresAt; its reservations (stock and seat holds) are released.',
  schema: z.object({ ...orderRef, items: z.array(orderItem) }),
});

export const OrderRefunded = defineEvent({
  type: 'commerce.order.refunded',
  version: 1,
  description:
    'Money went back to the buyer. `revokedItems` lists the items whose access ends (course enrollments move to refunded); a goodwill partial refund revokes none.',
  schema: z.object({
    ...orderRef,
    refundId: z.uuid(),
    amountCents: z.number().int().positive(),
    totalRefundedCents: z.number().int().positive(),
    fullyRefunded: z.boolean(),
    reason: z.string(),
    /** Why the platform refunded on its own (e.g. SEAT_UNAVAILABLE); null for an admin's refund. */
    automaticReason: z.string().nullable(),
    revokedItems: z.array(orderItem),
  }),
});

export const PaymentFailed = defineEvent({
  type: 'commerce.payment.failed',
  version: 1,
  description: 'A payment attempt was declined; the order stays payable until it expires.',
  schema: z.object({
    ...orderRef,
    paymentId: z.uuid(),
    amountCents: z.number().int().min(0),
    declineCode: z.string(),
  }),
});

export const InvoiceIssued = defineEvent({
  type: 'commerce.invoice.issued',
  version: 1,
  description: 'An invoice (gap-free number per year) was issued for a paid order.',
  schema: z.object({
    ...orderRef,
    invoiceId: z.uuid(),
    number: z.string().regex(/^INV-\d{4}-\d{6,}$/),
    totalCents: z.number().int().min(0),
    issuedAt: z.iso.datetime(),
  }),
});

export const COMMERCE_EVENTS = [
  OrderPlaced,
  OrderPaid,
  OrderCanceled,
  OrderExpired,
  OrderRefunded,
  PaymentFailed,
  InvoiceIssued,
] as const;
