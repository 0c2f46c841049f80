import { type ErrorCode } from './error-codes';

/** The shape an error takes on the wire (NATS replies, HTTP bodies, dead letters). */
export interface ErrorJson {
  code: string;
  message: string;
  details?: unknown;
}

export interface AppErrorOptions {
  /** A specialisation of the class's default code, e.g. COURSE_FULL for a ConflictError. */
  code?: ErrorCode;
  details?: unknown;
  cause?: unknown;
}

/**
 * Base of every error the platform raises on purpose. It has a stable string code the
 * gateway maps to HTTP, a message safe to show a client, optional structured details,
 * and the original cause (kept for logs, never serialised).
 * Named `*Error` so it never clashes with @nestjs/common's `*Exception`.
 */
export abstract class AppError extends Error {
  abstract readonly defaultCode: ErrorCode;
  readonly details?: unknown;
  private readonly overrideCode?: ErrorCode;

  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.overrideCode = options.code;
    if (options.details !== undefined) this.details = options.details;
  }

  get code(): ErrorCode {
    return this.overrideCode ?? this.defaultCode;
  }

  toJSON(): ErrorJson {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
