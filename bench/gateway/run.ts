import { type LoadResult, formatResults, runLoad } from '../lib/http-load';
import { randomBytes } from 'node:crypto';
import { BenchPlatform } from '../lib/bench-platform';
import { positiveIntFromEnv } from '../lib/env';

/**
 * `npm run bench:gateway`: requests/s and p50/p99 of `GET /api/v1/users/me` (token verified,
 * counted in Redis, answered by identity over NATS from PostgreSQL) beside `GET /api/v1/hello`
 * (none of that) of the same gateway process in the same run, and their ratio: what the path
 * through the platform costs, whatever the machine.
 *
 * Needs only PostgreSQL, Redis and NATS on this machine (POSTGRES_URL, REDIS_URL, NATS_URL may
 * change the port, not the host): it starts identity and the gateway from dist/ in a namespace
 * of their own and removes everything it created at the end.
 * BENCH_DURATION_MS (default 10000, at most 120000) and BENCH_CONCURRENCY (default 32) tune it.
 */

async function measure(
  platform: BenchPlatform,
  durationMs: number,
  concurrency: number,
): Promise<LoadResult[]> {
  const common = { concurrency, durationMs };
  const token = await platform.signUp();
  const hello = await runLoad({ ...common, name: 'GET /hello', url: `${platform.baseUrl}/api/v1/hello` });
  const me = await runLoad({
    ...common,
    name: 'GET /users/me',
    url: `${platform.baseUrl}/api/v1/users/me`,
    headers: { authorization: `Bearer ${token}` },
  });
  return [hello, me];
}

async function main(): Promise<void> {
  const durationMs = positiveIntFromEnv('BENCH_DURATION_MS', 10_000, 120_000);
  const concurrency = positiveIntFromEnv('BENCH_CONCURRENCY', 32, 256);
  const platform = new BenchPlatform({
    label: 'gateway',
    services: ['identity'],
    // Production settings for identity (real argon2 cost, no development defaults).
    serviceEnv: () => ({
      NODE_ENV: 'production',
      IDENTITY_KEY_ENCRYPTION_SECRET: randomBytes(32).toString('base64url'),
    }),
  });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= platform.stop());
  // Ctrl-C still removes the processes, database, streams and keys of the run.
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    console.log('Starting identity and the gateway from dist/ …');
    await platform.start();
    console.log(
      `Measuring ${durationMs} ms per route, ${concurrency} concurrent requests, after 1 s of warm-up\n`,
    );
    const results = await measure(platform, durationMs, concurrency);
    console.log(formatResults(results));
    const [hello, me] = results as [LoadResult, LoadResult];
    console.log(
      `\nGET /users/me runs at ${((me.requestsPerSecond / hello.requestsPerSecond) * 100).toFixed(1)}% of ` +
        `GET /hello's throughput, with ${(me.p50Ms / hello.p50Ms).toFixed(1)}x its median latency.`,
    );
    console.log(`\n${JSON.stringify({ bench: 'gateway', concurrency, durationMs, results })}`);
    if (results.some((result) => result.errors > 0)) process.exitCode = 1;
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
