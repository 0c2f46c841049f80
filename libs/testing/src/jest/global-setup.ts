import { type StartedTestContainer } from 'testcontainers';
import { type Discovered, discover } from '../infrastructure/discover';
import { mongoSpec, natsSpec, postgresSpec, redisSpec } from '../infrastructure/server-specs';
import { TEST_ENV } from '../infrastructure/servers';
import { dropStaleTestDatabases } from '../postgres/test-database';

declare global {
  var __TEST_CONTAINERS__: StartedTestContainer[] | undefined;
}

function missing(name: string, found: Discovered): Error {
  return new Error(
    `${name} is needed by the integration tests and none was found: ${found.tried.join('; ')}`,
  );
}

/**
 * Runs once per `jest` invocation: finds each server, publishes its URL to the test
 * workers through the environment (workers start after this and inherit it), and clears
 * databases left behind by runs that were killed.
 */
export default async function globalSetup(): Promise<void> {
  process.env[TEST_ENV.runId] ??= `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const [postgres, redis, nats, mongo] = await Promise.all([
    discover(postgresSpec),
    discover(redisSpec),
    discover(natsSpec),
    discover(mongoSpec),
  ]);
  globalThis.__TEST_CONTAINERS__ = [postgres, redis, nats, mongo].flatMap((d) =>
    d.container ? [d.container] : [],
  );

  if (!postgres.url) throw missing('PostgreSQL', postgres);
  if (!redis.url) throw missing('Redis', redis);
  if (!nats.url) throw missing('NATS', nats);
  process.env[TEST_ENV.postgres] = postgres.url;
  process.env[TEST_ENV.redis] = redis.url;
  process.env[TEST_ENV.nats] = nats.url;
  if (mongo.url) {
    process.env[TEST_ENV.mongo] = mongo.url;
  } else {
    const reason = `no MongoDB reachable (${mongo.tried.join('; ')})`;
    process.env[TEST_ENV.mongoMissingReason] = reason;
    process.stdout.write(`\nMongoDB suites will be skipped: ${reason}\n`);
  }
  await dropStaleTestDatabases(postgres.url);
}
