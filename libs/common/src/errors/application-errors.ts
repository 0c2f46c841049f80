import { AppError, type AppErrorOptions } from './app-error';

/** Input that breaks the contract. `details` lists each bad field: `[{ field, message }]`. */
export class ValidationError extends AppError {
  readonly defaultCode = 'VALIDATION_FAILED' as const;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function validationFailed(
  problems: FieldProblem[],
  message = 'Request validation failed',
): ValidationError {
  return new ValidationError(message, { details: problems });
}

export class UnauthenticatedError extends AppError {
  readonly defaultCode = 'UNAUTHENTICATED' as const;
}

export class ForbiddenError extends AppError {
  readonly defaultCode = 'FORBIDDEN' as const;
}

export class PaymentRequiredError extends AppError {
  readonly defaultCode = 'PAYMENT_REQUIRED' as const;
}

/** Too many requests; `retryAfterSeconds` becomes the Retry-After header. */
export class RateLimitedError extends AppError {
  readonly defaultCode = 'RATE_LIMITED' as const;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options: AppErrorOptions = {},
  ) {
    super(message, { ...options, details: options.details ?? { retryAfterSeconds } });
  }
}

export class UnavailableError extends AppError {
  readonly defaultCode = 'UNAVAILABLE' as const;
}

export class TimeoutError extends AppError {
  readonly defaultCode = 'TIMEOUT' as const;
}

export class IdempotencyKeyReusedError extends AppError {
  readonly defaultCode = 'IDEMPOTENCY_KEY_REUSED' as const;
}

/** A failure with no safe explanation for the client; its message never leaves the service. */
export class InternalError extends AppError {
  readonly defaultCode = 'INTERNAL' as const;
}
