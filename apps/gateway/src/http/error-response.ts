import { HttpException } from '@nestjs/common';
import { type AppError, type ErrorCode, httpStatusForCode, isAppError } from '@platform/common';

/** The error body of API.md. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; correlationId: string };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** How to log it: a bug (500) as an error with its stack, an outage (503/504) as a warning. */
  logAs?: 'error' | 'warn';
}

export interface ErrorResponseOptions {
  /** Retry-After of a 503 whose error does not say (a service with no responder). */
  unavailableRetryAfterSeconds: number;
}

interface Problem {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

const INTERNAL: Problem = { status: 500, code: 'INTERNAL', message: 'Internal error' };

/** The code of a status for errors raised by the framework rather than by us. */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Fastify's own 4xx (body parsing, size and media type), which Nest hands over as an
 * HttpException with Fastify's status and message. Answered in our words: a JSON parser's
 * message may quote the body, and the body may hold a password.
 */
function frameworkClientProblem(status: number, message: string): Problem {
  if (status === 413) return { status, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
  if (status === 415) {
    return { status, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as application/json' };
  }
  if (status === 400) {
    if (/empty/i.test(message)) return bodyProblem('must not be empty when content-type is application/json');
    if (/forbidden prototype|constructor property/i.test(message)) {
      return bodyProblem('must not contain __proto__ or constructor.prototype');
    }
    return bodyProblem('is not valid JSON');
  }
  const code = CODE_OF_STATUS[status];
  // Nest's router answers an unknown route with a 404 "Cannot GET /path", safe to show.
  if (code) return { status, code, message };
  return { status: 400, code: 'VALIDATION_FAILED', message: 'The request was refused' };
}

function bodyProblem(problem: string): Problem {
  return {
    status: 400,
    code: 'VALIDATION_FAILED',
    message: `The request body ${problem}`,
    details: [{ field: '(body)', message: problem }],
  };
}

function appProblem(error: AppError): Problem {
  const status = httpStatusForCode(error.code);
  // A 500 (an unknown code, or INTERNAL from a service) says nothing of what went wrong.
  if (status >= 500 && status !== 503 && status !== 504) return INTERNAL;
  return { status, code: error.code, message: error.message, details: error.details };
}

function problemOf(error: unknown): Problem {
  if (isAppError(error)) return appProblem(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return status >= 400 && status < 500 ? frameworkClientProblem(status, error.message) : INTERNAL;
  }
  return INTERNAL;
}

function retryAfterSeconds(details: unknown, fallback: number): number {
  const value =
    typeof details === 'object' && details !== null
      ? (details as { retryAfterSeconds?: unknown }).retryAfterSeconds
      : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : fallback;
}

const TOKEN_CODES = new Set(['UNAUTHENTICATED', 'INVALID_TOKEN', 'TOKEN_EXPIRED']);

/**
 * Turns anything thrown while answering a request into the status, headers and body of
 * API.md: AppError codes through the one code→status table; 429 and 503 with Retry-After;
 * 401 for a missing or bad access token with WWW-Authenticate (RFC 6750); anything not
 * raised on purpose is a 500 whose body says nothing about it.
 */
export function toErrorResponse(
  error: unknown,
  correlationId: string,
  options: ErrorResponseOptions,
): ErrorResponse {
  const problem = problemOf(error);
  const headers: Record<string, string> = {};
  if (problem.status === 429) headers['retry-after'] = String(retryAfterSeconds(problem.details, 1));
  if (problem.status === 503) {
    headers['retry-after'] = String(retryAfterSeconds(problem.details, options.unavailableRetryAfterSeconds));
  }
  if (problem.status === 401 && TOKEN_CODES.has(problem.code)) {
    headers['www-authenticate'] =
      problem.code === 'UNAUTHENTICATED' ? 'Bearer' : 'Bearer error="invalid_token"';
  }
  const body: ErrorBody = {
    error: {
      code: problem.code,
      message: problem.message,
      ...(problem.details === undefined ? {} : { details: problem.details }),
      correlationId,
    },
  };
  const logAs = problem.status === 500 ? 'error' : problem.status > 500 ? 'warn' : undefined;
  return { status: problem.status, body, headers, ...(logAs ? { logAs } : {}) };
}
