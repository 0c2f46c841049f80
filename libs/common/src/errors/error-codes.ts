/**
 * Every error code that may cross a service boundary, with the HTTP status the gateway
 * answers it with. One table so the gateway (which loads no service code) can map a
 * specialised code such as COURSE_FULL without knowing the service that raised it.
 * A new domain code is one line here; an unlisted code is answered as 500.
 */
export const ERROR_HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_FILTER: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REUSED: 401,
  INVALID_TOKEN: 401,
  PAYMENT_REQUIRED: 402,
  PAYMENT_DECLINED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  /** The change would leave the platform without an active admin. */
  LAST_ADMIN: 409,
  FOREIGN_KEY_VIOLATION: 409,
  CHECK_VIOLATION: 409,
  TRANSACTION_CONFLICT: 409,
  COURSE_FULL: 409,
  ALREADY_ENROLLED: 409,
  /** An assessment attempt submitted after its server-side deadline. */
  TIME_LIMIT_EXCEEDED: 409,
  INSUFFICIENT_STOCK: 409,
  PRODUCT_UNAVAILABLE: 409,
  PAYMENT_IN_PROGRESS: 409,
  REFUND_EXCEEDS_CAPTURED: 409,
  INVALID_STATE: 409,
  ATTEMPTS_EXHAUSTED: 409,
  /** The body exceeds the gateway's size limit. */
  PAYLOAD_TOO_LARGE: 413,
  /** A body in a content type the API does not read (it reads JSON). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_IN_USE: 409,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

export function httpStatusForCode(code: string): number {
  return (ERROR_HTTP_STATUS as Record<string, number>)[code] ?? 500;
}

export function isKnownErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_HTTP_STATUS, code);
}
