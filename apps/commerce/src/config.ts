import { envVar, loadConfig, platformEnv, serviceDatabaseUrl } from '@platform/common';
import { z } from 'zod';

export const SERVICE = 'commerce';

/** Every variable the commerce service reads, validated at start (the process exits naming each bad one). */
export const commerceConfigSchema = z
  .object({
    ...platformEnv,
    PORT: envVar.port(3003),
    COMMERCE_DATABASE_URL: envVar.url(undefined, ['postgres', 'postgresql']).optional(),
    /** How long an unpaid order holds its stock and seats. */
    ORDER_TTL_SECONDS: envVar.int(900, { min: 1, max: 7 * 24 * 3600 }),
    /** How often the background jobs run (expiry, payment reconciliation, key purge); 0 = never. */
    COMMERCE_JOBS_INTERVAL_MS: envVar.int(5_000, { min: 0, max: 3_600_000 }),
    /** A payment still pending this long (its process died mid-way) is settled with the processor. */
    PAYMENT_RECONCILE_AFTER_SECONDS: envVar.int(60, { min: 1, max: 86_400 }),
    /** Completed idempotency keys are forgotten after this. */
    IDEMPOTENCY_KEY_TTL_HOURS: envVar.int(24, { min: 1, max: 24 * 30 }),
    /** How long a duplicate request waits for the first one to finish before 409 IDEMPOTENCY_KEY_IN_USE. */
    IDEMPOTENCY_WAIT_MS: envVar.int(4_000, { min: 0, max: 60_000 }),
    /** A request holding a key this long without finishing is presumed dead; its key may be taken over. */
    IDEMPOTENCY_LEASE_SECONDS: envVar.int(60, { min: 5, max: 3_600 }),
    /** How long placing an order waits for course to hold a seat. */
    SEAT_HOLD_TIMEOUT_MS: envVar.int(3_000, { min: 100, max: 30_000 }),
    /** The payment processor's API; unset = the built-in test processor (never in production). */
    PAYMENT_PROVIDER_URL: envVar.url(undefined, ['http', 'https']).optional(),
    PAYMENT_PROVIDER_API_KEY: envVar.string('sk_test_platform'),
    PAYMENT_WEBHOOK_SECRET: envVar.string('whsec_test_platform'),
    PAYMENT_PROVIDER_TIMEOUT_MS: envVar.int(4_000, { min: 100, max: 60_000 }),
    /** The built-in test processor (an HTTP server in this process): port, and where it posts webhooks. */
    TEST_PAYMENT_PROCESSOR_PORT: envVar.port(0),
    TEST_PAYMENT_PROCESSOR_WEBHOOK_URL: envVar.url(undefined, ['http', 'https']).optional(),
  })
  .refine((config) => config.NODE_ENV !== 'production' || config.PAYMENT_PROVIDER_URL !== undefined, {
    path: ['PAYMENT_PROVIDER_URL'],
    message: 'is required in production (the built-in test processor only runs in development and tests)',
  })
  .refine(
    (config) =>
      config.NODE_ENV !== 'production' ||
      (!config.PAYMENT_PROVIDER_API_KEY.startsWith('sk_test_') &&
        !config.PAYMENT_WEBHOOK_SECRET.startsWith('whsec_test_')),
    {
      path: ['PAYMENT_WEBHOOK_SECRET'],
      message: 'production needs the processor API key and webhook secret set, not the test defaults',
    },
  );

export type CommerceConfig = z.output<typeof commerceConfigSchema> & { databaseUrl: string };

export function loadCommerceConfig(env: NodeJS.ProcessEnv = process.env): CommerceConfig {
  const config = loadConfig(commerceConfigSchema, env);
  return { ...config, databaseUrl: serviceDatabaseUrl(SERVICE, config.POSTGRES_URL, env) };
}

/** Injection token of the validated CommerceConfig. */
export const COMMERCE_CONFIG = Symbol('COMMERCE_CONFIG');
