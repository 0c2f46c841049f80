import { Agent } from 'node:http';
import { positiveIntFromEnv } from '../lib/env';
import { type LoadResult, runClosedLoop, runLoad } from '../lib/http-load';
import { BenchPlatform } from '../lib/bench-platform';
import { type Buyer, postJson, purchase } from './purchase';
import { formatOrderResults } from './report';

const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password' };

/**
 * `npm run bench:orders`: orders placed and paid per second through the gateway (HTTP →
 * gateway → NATS → commerce → PostgreSQL, the built-in processor over HTTP), each order
 * being two requests (POST /orders, POST /orders/:id/pay, each with an Idempotency-Key):
 * - uncontended: every buyer orders their own product (no shared stock row);
 * - contended: 50 buyers order the same product (one stock row, one conditional UPDATE each);
 * beside the gateway's GET /hello measured in the same run on the same gateway process.
 * The shared counter of gap-free invoice numbers is in both: every payment takes it.
 *
 * It starts the built platform (dist/) itself on bench databases and streams it removes at
 * the end; 127.0.0.1 only. BENCH_DURATION_MS (10000, at most 120000) per scenario,
 * BENCH_CONCURRENCY (16) for hello and the uncontended buyers, BENCH_CONTENDED_BUYERS (50).
 */
const env = positiveIntFromEnv;
const durationMs = env('BENCH_DURATION_MS', 10_000);
const concurrency = env('BENCH_CONCURRENCY', 16);
const contendedBuyers = env('BENCH_CONTENDED_BUYERS', 50);
const MAX_STOCK = 1_000_000;

async function signIn(baseUrl: string): Promise<string> {
  const { agent, done } = oneShotAgent();
  try {
    const answer = await postJson(agent, `${baseUrl}/api/v1/auth/login`, BENCH_ADMIN);
    if (answer.status !== 200) throw new Error(`admin sign-in answered ${answer.status}`);
    return String(answer.body.accessToken);
  } finally {
    done();
  }
}

async function registerBuyers(baseUrl: string, count: number): Promise<Buyer[]> {
  const { agent, done } = oneShotAgent();
  try {
    const buyers: Buyer[] = [];
    for (let i = 0; i < count; i += 1) {
      const answer = await postJson(agent, `${baseUrl}/api/v1/auth/register`, {
        email: `buyer-${i}-${Date.now()}@bench.example.com`,
        password: 'bench buyer password',
        name: `Buyer ${i}`,
      });
      if (answer.status !== 201) throw new Error(`registering a buyer answered ${answer.status}`);
      buyers.push({ accessToken: String(answer.body.accessToken) });
    }
    return buyers;
  } finally {
    done();
  }
}

async function createProducts(baseUrl: string, adminToken: string, count: number): Promise<string[]> {
  const { agent, done } = oneShotAgent();
  try {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const answer = await postJson(
        agent,
        `${baseUrl}/api/v1/products`,
        {
          name: `Bench item ${i}`,
          sku: `BENCH-${Date.now()}-${i}`,
          priceCents: 1_500,
          currency: 'EUR',
          stock: MAX_STOCK,
        },
        { authorization: `Bearer ${adminToken}` },
      );
      if (answer.status !== 201) throw new Error(`creating a product answered ${answer.status}`);
      ids.push(String(answer.body.id));
    }
    return ids;
  } finally {
    done();
  }
}

function oneShotAgent(): { agent: Agent; done: () => void } {
  // Setup requests go one after another; a keep-alive agent of one socket is plenty.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return { agent, done: () => agent.destroy() };
}

async function main(): Promise<void> {
  const platform = new BenchPlatform({
    label: 'orders',
    services: ['identity', 'commerce'],
    serviceEnv: () => ({
      // development: commerce runs its built-in test processor (production refuses it).
      NODE_ENV: 'development',
      IDENTITY_ADMIN_EMAIL: BENCH_ADMIN.email,
      IDENTITY_ADMIN_PASSWORD: BENCH_ADMIN.password,
      // Buyers are registered before measuring; cheap hashes only shorten that setup.
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_TIME_COST: '1',
    }),
  });
  try {
    console.log('Starting identity, commerce and the gateway on bench databases…');
    await platform.start();
    const { baseUrl } = platform;
    const adminToken = await signIn(baseUrl);
    const buyers = await registerBuyers(baseUrl, Math.max(concurrency, contendedBuyers));
    const ownProducts = await createProducts(baseUrl, adminToken, concurrency);
    const [sharedProduct] = await createProducts(baseUrl, adminToken, 1);

    const results: LoadResult[] = [
      await runLoad({ name: 'GET /hello', url: `${baseUrl}/api/v1/hello`, concurrency, durationMs }),
      await runClosedLoop(
        { name: `uncontended (${concurrency})`, concurrency, durationMs },
        purchase(baseUrl, buyers, (worker) => ownProducts[worker]),
      ),
      await runClosedLoop(
        { name: `1 product (${contendedBuyers})`, concurrency: contendedBuyers, durationMs },
        purchase(baseUrl, buyers, () => sharedProduct),
      ),
    ];
    console.log(`\nGateway at ${baseUrl}, ${durationMs} ms per scenario\n`);
    console.log(formatOrderResults(results));
    console.log(
      `\n${JSON.stringify({ bench: 'orders', durationMs, concurrency, contendedBuyers, results })}`,
    );
    if (results.some((result) => result.errors > 0)) process.exitCode = 1;
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
