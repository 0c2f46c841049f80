import { Logger } from '@nestjs/common';
import { type Redis } from 'ioredis';

export interface RateLimitWindow {
  max: number;
  windowSeconds: number;
}

export interface RateLimitState {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
}

/**
 * Fixed window, counted atomically in Redis: INCR, and PEXPIRE when the key is new (or has
 * somehow lost its TTL, so a key can never count forever). One round trip per request.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

type RedisWithHit = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

const WARN_EVERY_MS = 30_000;

/**
 * Rate-limit counters in Redis. A Redis outage must not take the API down: a failed count
 * lets the request through (fail open) and logs a warning at most every 30 s.
 */
export class RedisRateLimiter {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: RedisWithHit;
  private lastWarningAt = Number.NEGATIVE_INFINITY;
  private suppressedWarnings = 0;

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
  ) {
    redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis = redis as RedisWithHit;
  }

  /** Counts one request against `key`; undefined when Redis could not be asked. */
  async hit(key: string, window: RateLimitWindow): Promise<RateLimitState | undefined> {
    try {
      const [count, resetInMs] = await this.redis.rateLimitHit(
        `${this.keyPrefix}${key}`,
        window.windowSeconds * 1_000,
      );
      return { count, resetInMs };
    } catch (error) {
      this.warn(error);
      return undefined;
    }
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarningAt < WARN_EVERY_MS) {
      this.suppressedWarnings += 1;
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    const suppressed =
      this.suppressedWarnings > 0 ? ` (${this.suppressedWarnings} more since the last warning)` : '';
    this.logger.warn(`Rate limits are not enforced: Redis failed (${reason})${suppressed}`);
    this.lastWarningAt = now;
    this.suppressedWarnings = 0;
  }
}
