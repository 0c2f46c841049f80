/**
 * The servers a test run uses, found once by the jest global setup and handed to every
 * test file through these environment variables.
 */
export const TEST_ENV = {
  postgres: 'TEST_POSTGRES_URL',
  redis: 'TEST_REDIS_URL',
  nats: 'TEST_NATS_URL',
  mongo: 'TEST_MONGO_URL',
  mongoMissingReason: 'TEST_MONGO_MISSING',
  runId: 'TEST_RUN_ID',
} as const;

function required(variable: string, server: string): string {
  const value = process.env[variable];
  if (!value) {
    throw new Error(
      `${server} was not found for this test run (${variable} unset); see libs/testing/README.md`,
    );
  }
  return value;
}

export const testServers = {
  postgresUrl: (): string => required(TEST_ENV.postgres, 'PostgreSQL'),
  redisUrl: (): string => required(TEST_ENV.redis, 'Redis'),
  natsUrl: (): string => required(TEST_ENV.nats, 'NATS'),
  /** undefined where no MongoDB is reachable: MongoDB suites skip. */
  mongoUrl: (): string | undefined => process.env[TEST_ENV.mongo] || undefined,
  mongoMissingReason: (): string => process.env[TEST_ENV.mongoMissingReason] ?? 'no MongoDB reachable',
};

/**
 * A short token unique to this test file run, for names that must not collide between
 * files running in parallel on the shared NATS server (subject prefixes, stream names).
 */
export function uniqueTestToken(label = 't'): string {
  const slug =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 12) || 't';
  return `${slug}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}
