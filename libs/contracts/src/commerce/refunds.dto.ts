import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  IsInt,
  Length,
  Max,
  Min,
} from 'class-validator';
import { Trim } from '../common/validators';
import { IsIdempotencyKey } from './idempotency-key';
import { MAX_AMOUNT_CENTS } from './money';
import { MAX_ORDER_LINES } from './order-limits';

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface RefundView {
  id: string;
  amountCents: number;
  reason: string;
  /** Set when the platform refunded on its own (e.g. COURSE_FULL after payment); null for an admin's. */
  automaticReason: string | null;
  status: RefundStatus;
  /** The order items whose access this refund ended. */
  orderItemIds: string[];
  creditNoteId: string | null;
  createdAt: string;
  completedAt: string | null;
}

/**
 * `POST /orders/:id/refund` body. Without `amountCents` and `orderItemIds`: everything not
 * refunded yet (access to every item ends). With `orderItemIds`: those items, for their line
 * totals unless `amountCents` says otherwise. With `amountCents` alone: a goodwill partial
 * refund that revokes nothing, unless it brings the order to fully refunded.
 */
export class RefundOrderBody {
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: MAX_AMOUNT_CENTS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amountCents?: number;

  @ApiProperty({ maxLength: 500, example: 'Customer request' })
  @Trim()
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiProperty({ required: false, type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  orderItemIds?: string[];
}

export class RefundOrderRequest extends RefundOrderBody {
  @IsUUID()
  orderId!: string;

  /** Optional here: a retried refund with the same key replays instead of refunding twice. */
  @IsIdempotencyKey({ required: false })
  idempotencyKey?: string;
}
