import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';
import { Client } from 'pg';
import { Redis } from 'ioredis';

/**
 * The built platform (dist/) as the benchmark needs it: identity, commerce and the gateway
 * as child processes on free loopback ports, on databases and event streams of their own
 * (`bench_orders_<token>_…`, dropped afterwards), in a NATS subject namespace of their own,
 * so a benchmark never touches a running `npm start` or another engineer's tests.
 */
const SERVICES = ['identity', 'commerce'] as const;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password' };

const dist = (...path: string[]) => join(__dirname, '..', '..', ...path);

function loopbackUrl(name: string, fallback: string): string {
  const url = new URL(process.env[name] ?? fallback);
  // A benchmark floods its servers: it only ever runs against this machine's.
  if (!LOOPBACK.has(url.hostname))
    throw new Error(`bench:orders runs against 127.0.0.1 only, not ${url.host}`);
  return url.toString().replace(/\/$/, '');
}

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

export class BenchPlatform {
  private readonly children: ChildProcess[] = [];
  private readonly token = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  private readonly postgresUrl = loopbackUrl('POSTGRES_URL', 'postgres://postgres@127.0.0.1:5432');
  private readonly natsUrl = loopbackUrl('NATS_URL', 'nats://127.0.0.1:4222');
  private readonly redisUrl = loopbackUrl('REDIS_URL', 'redis://127.0.0.1:6379');
  private readonly streams = {
    EVENTS_STREAM: `BENCH_ORDERS_${this.token}`,
    EVENTS_SUBJECT_PREFIX: `bench_orders_${this.token}`,
    DLQ_STREAM: `BENCH_ORDERS_DLQ_${this.token}`,
    DLQ_SUBJECT_PREFIX: `bench_orders_dlq_${this.token}`,
  };
  private readonly rateLimitPrefix = `bench:orders:${this.token}:`;
  baseUrl = '';

  private databaseUrl(service: string): string {
    const url = new URL(this.postgresUrl);
    url.pathname = `/bench_orders_${this.token}_${service}`;
    return url.toString();
  }

  async start(): Promise<void> {
    const shared = {
      ...process.env,
      POSTGRES_URL: this.postgresUrl,
      NATS_URL: this.natsUrl,
      REDIS_URL: this.redisUrl,
      NATS_SUBJECT_PREFIX: `bench_${this.token}.`,
      ...this.streams,
      LOG_LEVEL: 'warn',
    };
    for (const service of SERVICES) {
      this.spawn(service, {
        ...shared,
        // development: commerce runs its built-in test processor (production refuses it).
        NODE_ENV: 'development',
        PORT: String(await freePort()),
        [`${service.toUpperCase()}_DATABASE_URL`]: this.databaseUrl(service),
        IDENTITY_ADMIN_EMAIL: BENCH_ADMIN.email,
        IDENTITY_ADMIN_PASSWORD: BENCH_ADMIN.password,
        // Buyers are registered before measuring; cheap hashes only shorten that setup.
        ARGON2_MEMORY_KIB: '1024',
        ARGON2_TIME_COST: '1',
      });
    }
    const port = await freePort();
    this.spawn('gateway', {
      ...shared,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT_KEY_PREFIX: this.rateLimitPrefix,
      // Buyers here are load generators: lift the per-user and sign-up budgets, keep the Redis count.
      RATE_LIMIT_USER_MAX: '10000000',
      RATE_LIMIT_AUTH_MAX: '1000000',
    });
    this.baseUrl = `http://127.0.0.1:${port}`;
    await this.waitUntilReady();
  }

  async stop(): Promise<void> {
    const running = this.children.filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(
      running.map((child) => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        return exited;
      }),
    );
    await this.dropDatabases();
    await this.deleteStreams();
    await this.deleteRateLimitKeys();
  }

  private spawn(app: string, env: NodeJS.ProcessEnv): void {
    const child = spawn(process.execPath, [dist('apps', app, 'src', 'main.js')], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.children.push(child);
  }

  /** The gateway ready and both services answering behind it. */
  private async waitUntilReady(): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      const dead = this.children.find((child) => child.exitCode !== null);
      if (dead) throw new Error(`A platform process exited with ${dead.exitCode} during start`);
      try {
        const ready = (await (await fetch(`${this.baseUrl}/health/ready`)).json()) as {
          details?: Record<string, { status?: string; degraded?: boolean }>;
        };
        const up = SERVICES.every((service) => {
          const check = ready.details?.[`service:${service}`];
          return check?.status === 'up' && check.degraded !== true;
        });
        if (up) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error('The platform did not become ready within 60 s');
  }

  private async dropDatabases(): Promise<void> {
    const url = new URL(this.postgresUrl);
    url.pathname = '/postgres';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      for (const service of SERVICES) {
        const name = new URL(this.databaseUrl(service)).pathname.slice(1);
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    } finally {
      await client.end();
    }
  }

  private async deleteStreams(): Promise<void> {
    const nats = await connect({ servers: this.natsUrl, name: 'bench-orders-cleanup' });
    try {
      const jsm = await nats.jetstreamManager();
      for (const stream of [this.streams.EVENTS_STREAM, this.streams.DLQ_STREAM]) {
        await jsm.streams.delete(stream).catch(() => false);
      }
    } finally {
      await nats.close();
    }
  }

  private async deleteRateLimitKeys(): Promise<void> {
    const redis = new Redis(this.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.rateLimitPrefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
