import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { callerOf } from '@platform/auth';
import { INFRASTRUCTURE_ENDPOINT, RateLimitedError } from '@platform/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { RATE_LIMIT_POLICY, type RateLimitPolicyName } from './rate-limit.decorators';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit.options';
import { type RateLimitWindow, RedisRateLimiter } from './redis-rate-limiter';

interface Bucket {
  key: string;
  window: RateLimitWindow;
  scope: 'ip' | 'user';
}

/**
 * Counts each request against its bucket and answers 429 with Retry-After once a bucket is
 * spent. Runs after AccessTokenGuard (registered second), so a signed-in caller is counted
 * by user id, which no X-Forwarded-For trick or shared NAT changes.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RedisRateLimiter,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.options.enabled || context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(INFRASTRUCTURE_ENDPOINT, targets)) return true;
    const policy =
      this.reflector.getAllAndOverride<RateLimitPolicyName>(RATE_LIMIT_POLICY, targets) ?? 'user';
    if (policy === 'none') return true;

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const bucket = this.bucketOf(policy, request);
    const state = await this.limiter.hit(bucket.key, bucket.window);
    if (!state) return true; // Redis is down: fail open (the limiter logged it).

    const { max, windowSeconds } = bucket.window;
    const resetSeconds = Math.max(1, Math.ceil(state.resetInMs / 1_000));
    void http
      .getResponse<FastifyReply>()
      .header('x-ratelimit-limit', max)
      .header('x-ratelimit-remaining', Math.max(0, max - state.count))
      .header('x-ratelimit-reset', resetSeconds);
    if (state.count > max) {
      throw new RateLimitedError(`Too many requests; try again in ${resetSeconds} s`, resetSeconds, {
        details: { retryAfterSeconds: resetSeconds, limit: max, windowSeconds, scope: bucket.scope },
      });
    }
    return true;
  }

  private bucketOf(policy: 'user' | 'auth', request: FastifyRequest): Bucket {
    if (policy === 'auth') {
      const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
      return { key: `auth:${route}:ip:${request.ip}`, window: this.options.auth, scope: 'ip' };
    }
    const caller = callerOf(request);
    return caller
      ? { key: `user:${caller.userId}`, window: this.options.user, scope: 'user' }
      : { key: `ip:${request.ip}`, window: this.options.user, scope: 'ip' };
  }
}
