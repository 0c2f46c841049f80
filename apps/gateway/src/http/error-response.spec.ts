import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import {
  ConflictError,
  InternalError,
  RateLimitedError,
  TimeoutError,
  UnauthenticatedError,
  UnavailableError,
} from '@platform/common';
import { toErrorResponse } from './error-response';

const respond = (error: unknown) => toErrorResponse(error, 'corr-1', { unavailableRetryAfterSeconds: 5 });

describe('toErrorResponse', () => {
  it('maps an AppError through the code table, keeping its message and details', () => {
    const res = respond(
      new ConflictError('Course is full', { code: 'COURSE_FULL', details: { capacity: 3 } }),
    );
    expect(res).toEqual({
      status: 409,
      headers: {},
      body: {
        error: {
          code: 'COURSE_FULL',
          message: 'Course is full',
          details: { capacity: 3 },
          correlationId: 'corr-1',
        },
      },
    });
  });

  it('gives 429 and 503 a Retry-After, from details or the configured default, rounded up', () => {
    expect(respond(new RateLimitedError('slow', 2.2)).headers).toEqual({ 'retry-after': '3' });
    expect(respond(new UnavailableError('down')).headers).toEqual({ 'retry-after': '5' });
    expect(respond(new UnavailableError('down', { details: { retryAfterSeconds: 1 } })).headers).toEqual({
      'retry-after': '1',
    });
    expect(respond(new TimeoutError('slow')).status).toBe(504);
  });

  it('challenges only token problems with WWW-Authenticate', () => {
    expect(respond(new UnauthenticatedError('no token')).headers).toEqual({ 'www-authenticate': 'Bearer' });
    expect(respond(new UnauthenticatedError('bad', { code: 'TOKEN_EXPIRED' })).headers).toEqual({
      'www-authenticate': 'Bearer error="invalid_token"',
    });
    expect(
      respond(new UnauthenticatedError('wrong password', { code: 'INVALID_CREDENTIALS' })).headers,
    ).toEqual({});
  });

  it('says nothing about a 500, whatever caused it, and asks for it to be logged', () => {
    for (const error of [
      new Error('db password is hunter2'),
      new InternalError('secret internals'),
      'a string',
      null,
    ]) {
      const res = respond(error);
      expect(res.status).toBe(500);
      expect(res.body.error).toEqual({
        code: 'INTERNAL',
        message: 'Internal error',
        correlationId: 'corr-1',
      });
      expect(res.logAs).toBe('error');
    }
    expect(respond(new HttpException('boom', 502)).status).toBe(500);
  });

  it("answers Fastify's body errors in its own words, never quoting the body", () => {
    const json = respond(new BadRequestException('Unexpected token p in JSON: {"password":"hunter2"'));
    expect(json.status).toBe(400);
    expect(JSON.stringify(json.body)).not.toContain('hunter2');
    expect(json.body.error.details).toEqual([{ field: '(body)', message: 'is not valid JSON' }]);
    expect(respond(new HttpException('Request body is too large', 413)).body.error.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(respond(new HttpException('Unsupported Media Type', 415)).body.error.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(respond(new NotFoundException('Cannot GET /x')).body.error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
