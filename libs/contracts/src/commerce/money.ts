import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode, IsInt, Max, Min } from 'class-validator';

/**
 * The largest amount one order, price or refund may carry, in minor units. Payment
 * processors cap single charges about here (99,999,999 = 999,999.99 in a two-decimal
 * currency); it also keeps every sum inside a 32-bit integer column.
 */
export const MAX_AMOUNT_CENTS = 99_999_999;

/** An amount in minor units (cents), never a float. */
export function IsAmountCents({ minimum = 0, required = true } = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: 'integer', minimum, maximum: MAX_AMOUNT_CENTS, example: 4900, required }),
    IsInt(),
    Min(minimum),
    Max(MAX_AMOUNT_CENTS),
  );
}

/** An ISO 4217 code in upper case (`EUR`). */
export function IsCurrency({ required = true } = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example: 'EUR', minLength: 3, maxLength: 3, required }),
    IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code in upper case, such as EUR' }),
  );
}
