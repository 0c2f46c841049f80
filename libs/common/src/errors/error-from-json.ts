import { type AppError, type ErrorJson } from './app-error';
import {
  ForbiddenError,
  IdempotencyKeyReusedError,
  InternalError,
  PaymentRequiredError,
  RateLimitedError,
  TimeoutError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from './application-errors';
import { type ErrorCode, httpStatusForCode, isKnownErrorCode } from './error-codes';
import {
  CheckViolationError,
  ConflictError,
  DuplicateKeyError,
  ForeignKeyError,
  InvalidFilterError,
  NotFoundError,
  OptimisticLockError,
  TransactionConflictError,
} from './repository-errors';

type Rebuild = (message: string, code: ErrorCode, details: unknown) => AppError;

const byCode: Partial<Record<ErrorCode, Rebuild>> = {
  ALREADY_EXISTS: (m, code, details) => new DuplicateKeyError(m, { code, details }),
  FOREIGN_KEY_VIOLATION: (m, code, details) => new ForeignKeyError(m, { code, details }),
  VERSION_CONFLICT: (m, code, details) => new OptimisticLockError(m, { code, details }),
  TRANSACTION_CONFLICT: (m, code, details) => new TransactionConflictError(m, { code, details }),
  CHECK_VIOLATION: (m, code, details) => new CheckViolationError(m, { code, details }),
  INVALID_FILTER: (m, code, details) => new InvalidFilterError(m, { code, details }),
  IDEMPOTENCY_KEY_REUSED: (m, code, details) => new IdempotencyKeyReusedError(m, { code, details }),
};

/** Specialised codes (COURSE_FULL, TOKEN_REUSED, …) come back as the class of their HTTP family. */
const byStatus: Record<number, Rebuild> = {
  400: (m, code, details) => new ValidationError(m, { code, details }),
  401: (m, code, details) => new UnauthenticatedError(m, { code, details }),
  402: (m, code, details) => new PaymentRequiredError(m, { code, details }),
  403: (m, code, details) => new ForbiddenError(m, { code, details }),
  404: (m, code, details) => new NotFoundError(m, { code, details }),
  409: (m, code, details) => new ConflictError(m, { code, details }),
  429: (m, code, details) => new RateLimitedError(m, retryAfterFrom(details), { code, details }),
  503: (m, code, details) => new UnavailableError(m, { code, details }),
  504: (m, code, details) => new TimeoutError(m, { code, details }),
};

function retryAfterFrom(details: unknown): number {
  if (typeof details === 'object' && details !== null && 'retryAfterSeconds' in details) {
    const value = details.retryAfterSeconds;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  }
  return 1;
}

/**
 * Rebuilds a typed error from its wire form, so that a caller can `catch (e) { if (e instanceof
 * ConflictError) … }` across a NATS hop. An unknown code becomes an InternalError: its
 * message is not trusted to be client-safe.
 */
export function errorFromJson(json: ErrorJson): AppError {
  if (!isKnownErrorCode(json.code)) {
    return new InternalError('Internal error', { details: { remoteCode: json.code } });
  }
  const rebuild = byCode[json.code] ?? byStatus[httpStatusForCode(json.code)];
  if (!rebuild) return new InternalError('Internal error', { code: json.code });
  return rebuild(json.message, json.code, json.details);
}

export function isErrorJson(value: unknown): value is ErrorJson {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorJson).code === 'string' &&
    typeof (value as ErrorJson).message === 'string'
  );
}
