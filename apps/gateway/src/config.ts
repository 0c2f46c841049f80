import { DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER } from '@platform/auth';
import { envVar, loadConfig, platformEnv } from '@platform/common';
import { z } from 'zod';

export const SERVICE = 'gateway';

/**
 * Fastify's `trustProxy`: `true`/`false`, a hop count, or a comma list of addresses, CIDRs and
 * the names loopback / linklocal / uniquelocal. Default `loopback`: only a proxy on the same
 * host may say who the client is. Behind a cluster ingress, set its range (e.g. 10.0.0.0/8).
 */
const trustProxy = z
  .string()
  .default('loopback')
  .transform((value): boolean | number | string[] => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) return Number(value);
    return value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  });

const seconds = (fallback: number, max = 86_400) => envVar.int(fallback, { min: 1, max });

/** Every variable the gateway reads, validated at start (the process exits naming each bad one). */
export const gatewayConfigSchema = z.object({
  ...platformEnv,
  PORT: envVar.port(3000),
  HOST: envVar.string('0.0.0.0'),
  TRUST_PROXY: trustProxy,
  /** Largest accepted request body; larger is 413. */
  BODY_LIMIT_BYTES: envVar.int(1024 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
  /** Browser origins allowed to call the API (`https://app.example.com,https://admin.example.com`); empty: no CORS. */
  CORS_ORIGINS: envVar.list([]),
  /** How long the gateway waits for a service's reply before 504. */
  SERVICE_TIMEOUT_MS: envVar.int(5_000, { min: 50, max: 120_000 }),
  /** Seconds a 503 tells the client to wait (Retry-After) when a service has no responder. */
  UNAVAILABLE_RETRY_AFTER_SECONDS: seconds(5, 3_600),
  JWT_ISSUER: envVar.string(DEFAULT_TOKEN_ISSUER),
  JWT_AUDIENCE: envVar.string(DEFAULT_TOKEN_AUDIENCE),
  JWT_CLOCK_TOLERANCE_SECONDS: envVar.int(5, { min: 0, max: 300 }),
  JWKS_CACHE_MAX_AGE_SECONDS: seconds(300),
  /** Least time between JWKS refetches caused by an unknown kid (a flood of bad kids cannot hammer identity). */
  JWKS_REFRESH_COOLDOWN_SECONDS: seconds(10, 3_600),
  RATE_LIMIT_ENABLED: envVar.bool(true),
  /** Redis keys of the counters start with this (several gateways or test files can share a Redis). */
  RATE_LIMIT_KEY_PREFIX: envVar.string('gateway:rate:'),
  /** Per client IP, per route, on register/login/refresh/password/email routes. */
  RATE_LIMIT_AUTH_MAX: envVar.int(20, { min: 1, max: 1_000_000 }),
  RATE_LIMIT_AUTH_WINDOW_SECONDS: seconds(60),
  /** Per signed-in user (per IP for anonymous callers), over all other routes together. */
  RATE_LIMIT_USER_MAX: envVar.int(600, { min: 1, max: 10_000_000 }),
  RATE_LIMIT_USER_WINDOW_SECONDS: seconds(60),
  /** Serve the OpenAPI document and its UI at /docs. */
  DOCS_ENABLED: envVar.bool(true),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(gatewayConfigSchema, env);
}
