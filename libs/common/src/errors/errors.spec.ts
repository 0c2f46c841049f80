import {
  ConflictError,
  ERROR_HTTP_STATUS,
  InternalError,
  NotFoundError,
  OptimisticLockError,
  RateLimitedError,
  RepositoryError,
  UnauthenticatedError,
  errorFromJson,
  httpStatusForCode,
} from '.';

describe('errors', () => {
  it('serialise code, message and details, never the cause or stack', () => {
    const error = new ConflictError('Course is full', {
      code: 'COURSE_FULL',
      details: { capacity: 10 },
      cause: new Error('secret'),
    });
    expect(error.toJSON()).toEqual({
      code: 'COURSE_FULL',
      message: 'Course is full',
      details: { capacity: 10 },
    });
    expect(JSON.stringify(error)).not.toContain('secret');
    expect(error).toBeInstanceOf(RepositoryError);
  });

  it('rebuild the typed class from the wire, keeping specialised codes', () => {
    const lock = errorFromJson(new OptimisticLockError('stale', { details: { currentVersion: 3 } }).toJSON());
    expect(lock).toBeInstanceOf(OptimisticLockError);
    expect(lock.details).toEqual({ currentVersion: 3 });

    const full = errorFromJson({ code: 'COURSE_FULL', message: 'full' });
    expect(full).toBeInstanceOf(ConflictError);
    expect(full.code).toBe('COURSE_FULL');

    expect(errorFromJson({ code: 'NOT_FOUND', message: 'gone' })).toBeInstanceOf(NotFoundError);
    expect(errorFromJson({ code: 'TOKEN_REUSED', message: 'reused' })).toBeInstanceOf(UnauthenticatedError);
    const locked = errorFromJson({
      code: 'ACCOUNT_LOCKED',
      message: 'locked',
      details: { retryAfterSeconds: 30 },
    });
    expect(locked).toBeInstanceOf(RateLimitedError);
    expect((locked as RateLimitedError).retryAfterSeconds).toBe(30);
  });

  it('do not trust the message of an unknown code', () => {
    const unknown = errorFromJson({ code: 'WEIRD', message: 'stack trace with secrets' });
    expect(unknown).toBeInstanceOf(InternalError);
    expect(unknown.message).toBe('Internal error');
  });

  it('map codes to the statuses of ARCHITECTURE.md', () => {
    expect(httpStatusForCode('VALIDATION_FAILED')).toBe(400);
    expect(httpStatusForCode('PAYMENT_DECLINED')).toBe(402);
    expect(httpStatusForCode('INSUFFICIENT_STOCK')).toBe(409);
    expect(httpStatusForCode('IDEMPOTENCY_KEY_REUSED')).toBe(422);
    expect(httpStatusForCode('ACCOUNT_LOCKED')).toBe(429);
    expect(httpStatusForCode('TIMEOUT')).toBe(504);
    expect(httpStatusForCode('SOMETHING_NEW')).toBe(500);
    expect(Object.values(ERROR_HTTP_STATUS).every((s) => s >= 400 && s < 600)).toBe(true);
  });
});
