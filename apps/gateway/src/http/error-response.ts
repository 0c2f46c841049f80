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

/** Fastify's own 4xx (body parsing, limits), answered in our words, never echoing the body. */
function fastifyProblem(error: { statusCode: number; code?: unknown }): Problem {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the request body as application/json',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return bodyProblem('must not be empty when content-type is application/json');
    default:
      // JSON syntax errors and prototype-poisoning attempts both come as a bare 400.
      if (error.statusCode === 400) return bodyProblem('is not valid JSON');
      return frameworkProblem(error.statusCode, 'The request was refused');
  }
}

function bodyProblem(problem: string): Problem {
  return {
    status: 400,
    code: 'VALIDATION_FAILED',
    message: `The request body ${problem}`,
    details: [{ field: '(body)', message: problem }],
  };
}

function frameworkProblem(status: number, message: string): Problem {
  const code = CODE_OF_STATUS[status];
  if (code) return { status, code, message };
  return status >= 400 && status < 500 ? { status: 400, code: 'VALIDATION_FAILED', message } : INTERNAL;
}

function appProblem(error: AppError): Problem {
  const status = httpStatusForCode(error.code);
  // A 500 (an unknown code, or INTERNAL from a service) says nothing of what went wrong.
  if (status >= 500 && status !== 503 && status !== 504) return INTERNAL;
  return { status, code: error.code, message: error.message, details: error.details };
}

function isFastifyError(error: unknown): error is { statusCode: number; code?: unknown } {
  return (
    error instanceof Error &&
    typeof (error as { statusCode?: unknown }).statusCode === 'number' &&
    !isAppError(error) &&
    !(error instanceof HttpException)
  );
}

function problemOf(error: unknown): Problem {
  if (isAppError(error)) return appProblem(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return status >= 500 ? INTERNAL : frameworkProblem(status, error.message);
  }
  if (isFastifyError(error)) return error.statusCode >= 500 ? INTERNAL : fastifyProblem(error);
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
