import { ConfigError, envVar, loadConfig, platformEnv, serviceDatabaseUrl } from '@platform/common';
import { DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER } from '@platform/auth';
import { z } from 'zod';

export const SERVICE = 'identity';

const DAY = 86_400;

/** Every variable the identity service reads, validated at start (the process exits naming each bad one). */
export const identityConfigSchema = z.object({
  ...platformEnv,
  PORT: envVar.port(3001),
  IDENTITY_DATABASE_URL: envVar.url(undefined, ['postgres', 'postgresql']).optional(),
  /**
   * Encrypts signing keys at rest and keys the refresh-token successor HMAC. Required in
   * production; elsewhere a development default is used and a warning logged at start.
   */
  IDENTITY_KEY_ENCRYPTION_SECRET: z
    .string()
    .min(32, { message: 'must be at least 32 characters (use a random secret)' })
    .optional(),
  /**
   * While changing the secret: the old one, so keys stored under it still decrypt. Rotate
   * the signing key (CLI) after the switch; drop this once the old keys have left the JWKS.
   */
  IDENTITY_KEY_ENCRYPTION_SECRET_PREVIOUS: z
    .string()
    .min(32, { message: 'must be at least 32 characters (use a random secret)' })
    .optional(),
  JWT_ISSUER: envVar.string(DEFAULT_TOKEN_ISSUER),
  JWT_AUDIENCE: envVar.string(DEFAULT_TOKEN_AUDIENCE),
  ACCESS_TOKEN_TTL_SECONDS: envVar.int(900, { min: 1, max: DAY }),
  /** A refresh token unused this long expires (the session's idle timeout). */
  REFRESH_TOKEN_IDLE_TTL_SECONDS: envVar.int(14 * DAY, { min: 60, max: 365 * DAY }),
  /** A session ends this long after sign-in however often it is refreshed. */
  SESSION_MAX_AGE_SECONDS: envVar.int(30 * DAY, { min: 60, max: 365 * DAY }),
  /** The immediate predecessor of a refresh token still yields the same successor this long. */
  REFRESH_REUSE_GRACE_SECONDS: envVar.int(10, { min: 0, max: 300 }),
  SIGNING_KEY_ROTATION_SECONDS: envVar.int(30 * DAY, { min: 60, max: 365 * DAY }),
  /** A new signing key is in the JWKS this long before it signs, so verifiers' caches know it first. */
  SIGNING_KEY_PUBLISH_AHEAD_SECONDS: envVar.int(300, { min: 0, max: DAY }),
  LOGIN_MAX_FAILURES: envVar.int(5, { min: 1, max: 100 }),
  /** Failures older than this no longer count towards a lock. */
  LOGIN_FAILURE_WINDOW_SECONDS: envVar.int(900, { min: 1, max: DAY }),
  LOGIN_LOCK_SECONDS: envVar.int(900, { min: 1, max: DAY }),
  EMAIL_VERIFICATION_TTL_SECONDS: envVar.int(2 * DAY, { min: 60, max: 30 * DAY }),
  PASSWORD_RESET_TTL_SECONDS: envVar.int(3_600, { min: 60, max: DAY }),
  /** At most one verification or reset mail per account and purpose in this period (stops mail bombing). */
  ACCOUNT_MAIL_COOLDOWN_SECONDS: envVar.int(60, { min: 0, max: DAY }),
  /** Ended sessions and spent mail tokens are deleted this long after they ended. */
  IDENTITY_RETENTION_DAYS: envVar.int(30, { min: 1, max: 3650 }),
  ARGON2_MEMORY_KIB: envVar.int(19_456, { min: 1_024, max: 1_048_576 }),
  ARGON2_TIME_COST: envVar.int(2, { min: 1, max: 20 }),
  ARGON2_PARALLELISM: envVar.int(1, { min: 1, max: 16 }),
  /** Seeds the first admin at start when no account has this email (see apps/identity/README.md). */
  IDENTITY_ADMIN_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'must be an email address' }))
    .optional(),
  IDENTITY_ADMIN_PASSWORD: z.string().min(12, { message: 'must be at least 12 characters' }).optional(),
  IDENTITY_ADMIN_NAME: envVar.string('Administrator'),
  /** Where links in development logs point (the frontend). */
  PUBLIC_APP_URL: envVar.url('http://localhost:3000', ['http', 'https']),
});

/**
 * Used outside production when IDENTITY_KEY_ENCRYPTION_SECRET is unset, so a local run
 * needs no configuration. It is public (it is in the source), hence refused in production.
 */
export const DEVELOPMENT_KEY_ENCRYPTION_SECRET = 'development-only-identity-secret-do-not-use-in-production';

export type IdentityConfig = z.output<typeof identityConfigSchema> & {
  databaseUrl: string;
  keyEncryptionSecret: string;
  usesDevelopmentSecret: boolean;
};

export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const config = loadConfig(identityConfigSchema, env);
  const problems: string[] = [];
  if (config.NODE_ENV === 'production' && !config.IDENTITY_KEY_ENCRYPTION_SECRET) {
    problems.push(
      'IDENTITY_KEY_ENCRYPTION_SECRET: required in production (a random secret of 32+ characters)',
    );
  }
  if (Boolean(config.IDENTITY_ADMIN_EMAIL) !== Boolean(config.IDENTITY_ADMIN_PASSWORD)) {
    problems.push('IDENTITY_ADMIN_EMAIL and IDENTITY_ADMIN_PASSWORD: set both or neither');
  }
  if (config.SESSION_MAX_AGE_SECONDS < config.REFRESH_TOKEN_IDLE_TTL_SECONDS) {
    problems.push('SESSION_MAX_AGE_SECONDS: must not be shorter than REFRESH_TOKEN_IDLE_TTL_SECONDS');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...config,
    databaseUrl: serviceDatabaseUrl(SERVICE, config.POSTGRES_URL, env),
    keyEncryptionSecret: config.IDENTITY_KEY_ENCRYPTION_SECRET ?? DEVELOPMENT_KEY_ENCRYPTION_SECRET,
    usesDevelopmentSecret: !config.IDENTITY_KEY_ENCRYPTION_SECRET,
  };
}

/** Nest injection token of the IdentityConfig. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
