import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import {
  INVOICE_KINDS,
  type InventoryView,
  type InvoiceKind,
  type InvoiceLineView,
  type InvoiceView,
  ORDER_STATUSES,
  type OrderItemView,
  type OrderStatus,
  type OrderView,
  type PaymentWebhookAck,
  type ProductView,
  REFUND_STATUSES,
  type RefundStatus,
  type RefundView,
  WEBHOOK_OUTCOMES,
} from '@platform/contracts';
import { ErrorBodySchema } from '../docs/error-body.schema';
import { pageSchemaOf } from '../docs/page-schema';

/*
 * Response shapes for the OpenAPI document only (the contracts declare views as interfaces);
 * `implements` makes the build fail here the day a view gains a field these do not document.
 */

const money = { type: 'integer', example: 4900, description: 'Minor units (cents)' } as const;
const nullableDate = { type: String, format: 'date-time', nullable: true } as const;

export class ProductViewSchema implements ProductView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'COURSE-0190…' }) sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty(money) priceCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseId!: string | null;
  @ApiProperty() isActive!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'On hand minus reserved; null = unlimited' })
  available!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const ProductPageSchema = pageSchemaOf(ProductViewSchema, 'ProductPageSchema');

export class InventoryViewSchema implements InventoryView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null = unlimited' }) onHand!: number | null;
  @ApiProperty({ type: 'integer' }) reserved!: number;
  @ApiProperty({ type: 'integer', nullable: true }) available!: number | null;
}

export class OrderItemViewSchema implements OrderItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseId!: string | null;
  @ApiProperty() sku!: string;
  @ApiProperty({ description: 'As it was when the order was placed' }) name!: string;
  @ApiProperty({ ...money, description: 'As it was when the order was placed' }) unitPriceCents!: number;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty(money) lineTotalCents!: number;
  @ApiProperty(nullableDate) refundedAt!: string | null;
}

export class RefundViewSchema implements RefundView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(money) amountCents!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the platform refunded on its own (e.g. COURSE_FULL); null for an admin refund',
  })
  automaticReason!: string | null;
  @ApiProperty({ enum: REFUND_STATUSES }) status!: RefundStatus;
  @ApiProperty({ type: [String], format: 'uuid' }) orderItemIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) creditNoteId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty(nullableDate) completedAt!: string | null;
}

export class OrderViewSchema implements OrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty(money) totalCents!: number;
  @ApiProperty(money) refundedCents!: number;
  @ApiProperty({ type: OrderItemViewSchema, isArray: true }) items!: OrderItemViewSchema[];
  @ApiProperty({ format: 'date-time', description: 'Unpaid past this, the order expires' })
  expiresAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty(nullableDate) paidAt!: string | null;
  @ApiProperty(nullableDate) canceledAt!: string | null;
  @ApiProperty(nullableDate) expiredAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'CUSTOMER' }) cancelReason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) paymentId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) invoiceId!: string | null;
  @ApiProperty({ type: RefundViewSchema, isArray: true }) refunds!: RefundViewSchema[];
}

export const OrderPageSchema = pageSchemaOf(OrderViewSchema, 'OrderPageSchema');

export class InvoiceLineViewSchema implements InvoiceLineView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderItemId!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty(money) unitPriceCents!: number;
  @ApiProperty(money) totalCents!: number;
}

export class InvoiceViewSchema implements InvoiceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INVOICE_KINDS }) kind!: InvoiceKind;
  @ApiProperty({ example: 'INV-2026-000001', description: 'Gap-free per series and year' }) number!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty(money) totalCents!: number;
  @ApiProperty({ type: InvoiceLineViewSchema, isArray: true }) lines!: InvoiceLineViewSchema[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) correctsInvoiceId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) refundId!: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
}

export class PaymentWebhookAckSchema implements PaymentWebhookAck {
  @ApiProperty() eventId!: string;
  @ApiProperty({ enum: WEBHOOK_OUTCOMES }) outcome!: PaymentWebhookAck['outcome'];
}

/** An error answer a route gives on purpose, documented with the API's error body. */
export const ApiErrorResponse = (status: number, description: string): MethodDecorator =>
  ApiResponse({ status, description, type: ErrorBodySchema });
