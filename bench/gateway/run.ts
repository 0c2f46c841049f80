import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type LoadResult, assertLoopback, formatResults, runLoad } from '../lib/http-load';

/**
 * `npm run bench:gateway`: requests/s and p50/p99 of the gateway's routes, each beside the
 * hello route of the same process in the same run (so the ratio shows what the path through
 * token verification, rate limiting, NATS and the service costs, whatever the machine).
 *
 * By default it starts the built gateway (dist/) as a child process on a free loopback port;
 * BENCH_GATEWAY_URL=http://127.0.0.1:3000 measures one already running instead.
 * GET /api/v1/users/me is measured when identity answers (the README's `npm start` runs it);
 * otherwise only hello is, and the output says why.
 * BENCH_DURATION_MS (default 10000) and BENCH_CONCURRENCY (default 32) tune the run.
 */
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startGateway(): Promise<{ baseUrl: string; child?: ChildProcess }> {
  if (process.env.BENCH_GATEWAY_URL) {
    const url = new URL(process.env.BENCH_GATEWAY_URL);
    assertLoopback(url);
    return { baseUrl: url.origin };
  }
  const port = await freePort();
  const main = join(__dirname, '..', '..', 'apps', 'gateway', 'src', 'main.js');
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      // The benchmark is one user hammering the API: lift the per-user limit, keep the Redis count.
      RATE_LIMIT_USER_MAX: '10000000',
      RATE_LIMIT_KEY_PREFIX: `bench:${process.pid}:`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { baseUrl: `http://127.0.0.1:${port}`, child };
}

async function waitUntilLive(baseUrl: string, child?: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child && child.exitCode !== null) throw new Error(`The gateway exited (${child.exitCode})`);
    try {
      if ((await fetch(`${baseUrl}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`The gateway at ${baseUrl} did not come up`);
}

/** A signed-in user for /users/me, or the reason there is none. */
async function signIn(baseUrl: string): Promise<{ token: string } | { skipped: string }> {
  const ready = (await (await fetch(`${baseUrl}/health/ready`)).json()) as {
    details?: Record<string, { degraded?: boolean }>;
  };
  const identity = ready.details?.['service:identity'];
  if (!identity || identity.degraded) return { skipped: 'identity is not running (start it: npm start)' };
  // One bench account, registered on the first run and signed into afterwards.
  const account = { email: 'bench-user@example.com', password: 'benchmark password' };
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}/api/v1/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let response = await post('register', { ...account, name: 'Benchmark' });
  if (response.status === 409) response = await post('login', account);
  if (!response.ok) return { skipped: `signing the bench user in answered ${response.status}` };
  return { token: ((await response.json()) as { accessToken: string }).accessToken };
}

async function main(): Promise<void> {
  const { baseUrl, child } = await startGateway();
  try {
    await waitUntilLive(baseUrl, child);
    const common = { concurrency, durationMs };
    const results: LoadResult[] = [
      await runLoad({ ...common, name: 'GET /hello', url: `${baseUrl}/api/v1/hello` }),
    ];
    const user = await signIn(baseUrl);
    if ('token' in user) {
      results.push(
        await runLoad({
          ...common,
          name: 'GET /users/me',
          url: `${baseUrl}/api/v1/users/me`,
          headers: { authorization: `Bearer ${user.token}` },
        }),
      );
    } else {
      console.log(`GET /users/me skipped: ${user.skipped}`);
    }
    console.log(`\nGateway at ${baseUrl}: ${concurrency} concurrent, ${durationMs} ms per scenario\n`);
    console.log(formatResults(results));
    console.log(`\n${JSON.stringify({ bench: 'gateway', concurrency, durationMs, results })}`);
    if (results.some((r) => r.errors > 0)) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
