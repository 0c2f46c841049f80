import { type RateLimitWindow } from './redis-rate-limiter';

export interface RateLimitOptions {
  enabled: boolean;
  redisUrl: string;
  /** Every counter key starts with it. */
  keyPrefix: string;
  /** Per client IP and route on the `auth` routes. */
  auth: RateLimitWindow;
  /** Per user (per IP when anonymous) over all other routes. */
  user: RateLimitWindow;
}

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');
