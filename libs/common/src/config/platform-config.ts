import { z } from 'zod';
import { envVar } from './load-config';

/** The variables every service reads. A service extends this with its own. */
export const platformEnv = {
  NODE_ENV: envVar.oneOf(['development', 'test', 'production'] as const, 'development'),
  LOG_LEVEL: envVar.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  /** The PostgreSQL server; a service uses its own database on it unless <SERVICE>_DATABASE_URL says otherwise. */
  POSTGRES_URL: envVar.url('postgres://postgres@127.0.0.1:5432', ['postgres', 'postgresql']),
  NATS_URL: envVar.url('nats://127.0.0.1:4222', ['nats', 'tls']),
  REDIS_URL: envVar.url('redis://127.0.0.1:6379', ['redis', 'rediss']),
  RUN_MIGRATIONS: envVar.bool(true),
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
