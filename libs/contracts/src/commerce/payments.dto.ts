import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsIdempotencyKey } from './idempotency-key';

export const PAYMENT_METHOD_TYPES = ['card'] as const;

/**
 * A card tokenised by the payment processor in the buyer's browser; card numbers never
 * reach the platform. The built-in test processor approves `tok_visa` and declines
 * `tok_chargeDeclined` (and `tok_chargeDeclinedInsufficientFunds`).
 */
export class PaymentMethodInput {
  @ApiProperty({ enum: PAYMENT_METHOD_TYPES })
  @IsIn(PAYMENT_METHOD_TYPES, { message: 'paymentMethod.type must be card' })
  type!: (typeof PAYMENT_METHOD_TYPES)[number];

  @ApiProperty({ example: 'tok_visa', maxLength: 128 })
  @IsString()
  @Matches(/^tok_[A-Za-z0-9_]{1,124}$/, { message: 'token must be a processor token such as tok_visa' })
  token!: string;
}

/** `POST /orders/:id/pay` body. */
export class PayOrderBody {
  @ApiProperty({ type: PaymentMethodInput })
  @ValidateNested()
  @Type(() => PaymentMethodInput)
  paymentMethod!: PaymentMethodInput;
}

export class PayOrderRequest extends PayOrderBody {
  @IsUUID()
  orderId!: string;

  @IsIdempotencyKey()
  idempotencyKey!: string;
}

export const PAYMENT_PROVIDERS = ['test'] as const;

/**
 * A processor's webhook as the gateway received it: the raw body (the signature covers
 * its exact bytes) and the signature header. Public route; the signature authenticates.
 */
export class PaymentWebhookRequest {
  @IsIn(PAYMENT_PROVIDERS, { message: `provider must be one of ${PAYMENT_PROVIDERS.join(', ')}` })
  provider!: (typeof PAYMENT_PROVIDERS)[number];

  @IsString()
  @Length(2, 65_536)
  payload!: string;

  @IsString()
  @MaxLength(1_024)
  signature!: string;
}

export const WEBHOOK_OUTCOMES = ['applied', 'already_applied', 'duplicate', 'ignored'] as const;

export interface PaymentWebhookAck {
  eventId: string;
  outcome: (typeof WEBHOOK_OUTCOMES)[number];
}
