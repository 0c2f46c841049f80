import { SetMetadata } from '@nestjs/common';

/**
 * - `user`: the default — per signed-in user (per client IP when anonymous), one budget over
 *   all such routes together.
 * - `auth`: per client IP and per route, for routes a credential-stuffing or enumeration
 *   attack would hammer (register, login, refresh, password and email-token routes).
 * - `none`: not counted (the benchmark's hello route).
 */
export type RateLimitPolicyName = 'user' | 'auth' | 'none';

export const RATE_LIMIT_POLICY = 'gateway:rate-limit-policy';

/** Counts the route under the per-IP `auth` budget. */
export const AuthRateLimit = (): ClassDecorator & MethodDecorator => SetMetadata(RATE_LIMIT_POLICY, 'auth');

export const SkipRateLimit = (): ClassDecorator & MethodDecorator => SetMetadata(RATE_LIMIT_POLICY, 'none');
