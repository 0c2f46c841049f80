import { envVar, loadConfig, platformEnv, serviceDatabaseUrl } from '@platform/common';
import { z } from 'zod';

export const SERVICE = 'identity';

/** Every variable the identity service reads, validated at start (the process exits naming each bad one). */
export const identityConfigSchema = z.object({
  ...platformEnv,
  PORT: envVar.port(3001),
  IDENTITY_DATABASE_URL: envVar.url(undefined, ['postgres', 'postgresql']).optional(),
});

export type IdentityConfig = z.output<typeof identityConfigSchema> & { databaseUrl: string };

export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const config = loadConfig(identityConfigSchema, env);
  return { ...config, databaseUrl: serviceDatabaseUrl(SERVICE, config.POSTGRES_URL, env) };
}
