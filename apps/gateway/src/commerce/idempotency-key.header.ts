import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { validationFailed } from '@platform/common';
import { IDEMPOTENCY_KEY_PATTERN } from '@platform/contracts';
import { type FastifyRequest } from 'fastify';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The `Idempotency-Key` header, checked at the edge: required where API.md says so (orders
 * and payments), optional elsewhere. A missing or malformed key is 400 naming the header,
 * before any service is called. Node joins repeated headers with ", ", which the pattern
 * (visible ASCII, no spaces) refuses, so two keys on one request are a 400 too.
 */
export function readIdempotencyKey(
  value: string | string[] | undefined,
  { required }: { required: boolean },
): string | undefined {
  const key = Array.isArray(value) ? value.join(', ') : value;
  if (key === undefined || key === '') {
    if (!required) return undefined;
    throw validationFailed(
      [{ field: IDEMPOTENCY_KEY_HEADER, message: `${IDEMPOTENCY_KEY_HEADER} header is required` }],
      `This route needs an ${IDEMPOTENCY_KEY_HEADER} header (a fresh UUID per intended operation)`,
    );
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw validationFailed(
      [
        {
          field: IDEMPOTENCY_KEY_HEADER,
          message: `${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 visible ASCII characters (no spaces)`,
        },
      ],
      `The ${IDEMPOTENCY_KEY_HEADER} header is malformed`,
    );
  }
  return key;
}

const fromRequest = (required: boolean) => (_: unknown, context: ExecutionContext) =>
  readIdempotencyKey(context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'], {
    required,
  });

/** `@IdempotencyKey() key: string` — the header, required. */
export const IdempotencyKey = createParamDecorator(fromRequest(true));

/** `@OptionalIdempotencyKey() key: string | undefined`. */
export const OptionalIdempotencyKey = createParamDecorator(fromRequest(false));

/** Documents the header on a route (the parameter decorators cannot carry OpenAPI metadata). */
export const ApiIdempotencyKey = ({ required }: { required: boolean }): MethodDecorator =>
  ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required,
    description:
      'A key of your own (a UUID) per intended operation: the same key with the same body replays the ' +
      'first answer; with another body it is 422 IDEMPOTENCY_KEY_REUSED; while the first is still ' +
      'running, 409 IDEMPOTENCY_KEY_IN_USE.',
    schema: { type: 'string', maxLength: 255 },
  });
