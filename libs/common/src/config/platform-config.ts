import { z } from 'zod';
import { envVar } from './load-config';

const STREAM_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const STREAM_NAME_MESSAGE = 'must be 1-64 letters, digits, - or _';
const SUBJECT_TOKEN = /^[a-z0-9_-]{1,64}$/;
const SUBJECT_TOKEN_MESSAGE = 'must be 1-64 lower-case letters, digits, - or _';

/** The variables every service reads. A service extends this with its own. */
export const platformEnv = {
  NODE_ENV: envVar.oneOf(['development', 'test', 'production'] as const, 'development'),
  LOG_LEVEL: envVar.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  /** The PostgreSQL server; a service uses its own database on it unless <SERVICE>_DATABASE_URL says otherwise. */
  POSTGRES_URL: envVar.url('postgres://postgres@127.0.0.1:5432', ['postgres', 'postgresql']),
  NATS_URL: envVar.url('nats://127.0.0.1:4222', ['nats', 'tls']),
  REDIS_URL: envVar.url('redis://127.0.0.1:6379', ['redis', 'rediss']),
  RUN_MIGRATIONS: envVar.bool(true),
  /**
   * A namespace on a shared NATS server (staging next to production, or one test run next to
   * another): prefix of every request/reply subject, e.g. `staging.`. Empty in production.
   */
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^([a-z0-9_-]+\.)?$/, {
      message: 'must be empty or lower-case letters, digits, - or _ ending in a dot',
    })
    .default(''),
  /** JetStream stream of domain events and the first token of their subjects. */
  EVENTS_STREAM: z.string().regex(STREAM_NAME, { message: STREAM_NAME_MESSAGE }).default('EVENTS'),
  EVENTS_SUBJECT_PREFIX: z
    .string()
    .regex(SUBJECT_TOKEN, { message: SUBJECT_TOKEN_MESSAGE })
    .default('events'),
  /** Dead-letter stream and subject prefix; derived from the events stream when unset. */
  DLQ_STREAM: z.string().regex(STREAM_NAME, { message: STREAM_NAME_MESSAGE }).optional(),
  DLQ_SUBJECT_PREFIX: z.string().regex(SUBJECT_TOKEN, { message: SUBJECT_TOKEN_MESSAGE }).optional(),
  /** How long a stopping process waits for in-flight work before closing its pools. */
  SHUTDOWN_GRACE_MS: envVar.int(10_000, { min: 0, max: 300_000 }),
};

export const platformConfigSchema = z.object(platformEnv);
export type PlatformConfig = z.output<typeof platformConfigSchema>;

/**
 * The database URL of one service: `<SERVICE>_DATABASE_URL` when set, else a database
 * named `<service>_db` on POSTGRES_URL's server.
 */
export function serviceDatabaseUrl(
  service: string,
  postgresUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const own = env[`${service.toUpperCase()}_DATABASE_URL`];
  if (own && own.trim() !== '') return own;
  const url = new URL(postgresUrl);
  url.pathname = `/${service}_db`;
  return url.toString();
}
