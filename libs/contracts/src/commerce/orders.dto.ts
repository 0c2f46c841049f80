import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/page';
import { IsIdempotencyKey } from './idempotency-key';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from './order-limits';
import { type RefundView } from './refunds.dto';

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'partially_refunded',
  'refunded',
  'canceled',
  'expired',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One line as bought: name and unit price are snapshots taken when the order was placed. */
export interface OrderItemView {
  id: string;
  productId: string;
  courseId: string | null;
  sku: string;
  name: string;
  unitPriceCents: number;
  quantity: number;
  lineTotalCents: number;
  /** When a refund ended this item (its course access is revoked); null while it stands. */
  refundedAt: string | null;
}

export interface OrderView {
  id: string;
  userId: string;
  status: OrderStatus;
  currency: string;
  totalCents: number;
  refundedCents: number;
  items: OrderItemView[];
  /** Unpaid past this, the order expires and its reservations are released. */
  expiresAt: string;
  createdAt: string;
  paidAt: string | null;
  canceledAt: string | null;
  expiredAt: string | null;
  /** Why the order was canceled (CUSTOMER, ADMIN, or the code that stopped its placement). */
  cancelReason: string | null;
  paymentId: string | null;
  invoiceId: string | null;
  refunds: RefundView[];
}

export class OrderItemInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY, default: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

/** `POST /orders` body. */
export class PlaceOrderBody {
  @ApiProperty({ type: [OrderItemInput], minItems: 1, maxItems: MAX_ORDER_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ArrayUnique((item: OrderItemInput | undefined) => item?.productId, {
    message: 'items must name each product once (raise its quantity instead)',
  })
  @ValidateNested({ each: true })
  @Type(() => OrderItemInput)
  items!: OrderItemInput[];
}

export class PlaceOrderRequest extends PlaceOrderBody {
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

export class OrderIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class OrderIdRequest {
  @IsUUID()
  orderId!: string;
}

/** `GET /users/me/orders?status=&limit=&offset=`, newest first. */
export class ListMyOrdersQuery extends PageQuery {
  @ApiProperty({ required: false, enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES, { message: `status must be one of ${ORDER_STATUSES.join(', ')}` })
  status?: OrderStatus;
}
