import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Visible ASCII only, as an HTTP header value may carry; long enough for a UUID or a client's own scheme. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/**
 * The `Idempotency-Key` header, which the gateway copies into the request body: the same
 * key with the same body replays the first response; with another body it is 422
 * IDEMPOTENCY_KEY_REUSED. Keys are scoped to the caller and the operation.
 */
export function IsIdempotencyKey({ required = true } = {}): PropertyDecorator {
  const decorators = [
    ApiProperty({ description: 'From the Idempotency-Key header', maxLength: 255, required }),
    Matches(IDEMPOTENCY_KEY_PATTERN, {
      message: 'idempotencyKey (the Idempotency-Key header) must be 1 to 255 visible ASCII characters',
    }),
  ];
  return applyDecorators(...(required ? decorators : [IsOptional(), ...decorators]));
}
