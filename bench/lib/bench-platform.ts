import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
// The file, not @platform/testing's index: that index loads jest-only helpers the build does not ship.
import { deleteRedisKeys } from '../../libs/testing/src/redis/delete-keys';
import { connect } from 'nats';
import { Client } from 'pg';

export type BenchService = 'identity' | 'course' | 'commerce';

export interface BenchPlatformOptions {
  /** Names the run's databases, streams and keys (`bench_<label>_<token>_…`). */
  label: string;
  services: readonly BenchService[];
  /** Environment of each service on top of the shared namespace (e.g. NODE_ENV, secrets). */
  serviceEnv?: (service: BenchService) => Record<string, string>;
  /** Environment of the gateway on top of the shared namespace. */
  gatewayEnv?: Record<string, string>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const dist = (...path: string[]): string => join(__dirname, '..', '..', ...path);

/** A benchmark floods its servers: it only ever runs against this machine's. */
function loopbackUrl(name: string, fallback: string): string {
  const url = new URL(process.env[name] ?? fallback);
  if (!LOOPBACK.has(url.hostname)) throw new Error(`Benchmarks run against 127.0.0.1 only, not ${url.host}`);
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

/**
 * The built platform (dist/) as a benchmark needs it: the given services and the gateway as
 * child processes on free loopback ports, on databases and event streams of their own, in a
 * NATS subject namespace of their own — so a run never touches a running `npm start` or
 * anyone's tests. `stop()` removes all of it: processes, databases, streams, Redis keys.
 */
export class BenchPlatform {
  private readonly children: ChildProcess[] = [];
  private readonly token: string;
  private readonly postgresUrl = loopbackUrl('POSTGRES_URL', 'postgres://postgres@127.0.0.1:5432');
  private readonly natsUrl = loopbackUrl('NATS_URL', 'nats://127.0.0.1:4222');
  private readonly redisUrl = loopbackUrl('REDIS_URL', 'redis://127.0.0.1:6379');
  private readonly streams: { events: string; deadLetters: string };
  private readonly rateLimitPrefix: string;
  baseUrl = '';

  constructor(private readonly options: BenchPlatformOptions) {
    this.token = `${options.label}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    this.streams = { events: `BENCH_${this.token}`, deadLetters: `BENCH_DLQ_${this.token}` };
    this.rateLimitPrefix = `bench:${this.token}:`;
  }

  private databaseName(service: BenchService): string {
    return `bench_${this.token}_${service}`.toLowerCase();
  }

  private withDatabase(database: string): string {
    const url = new URL(this.postgresUrl);
    url.pathname = `/${database}`;
    return url.toString();
  }

  /** Starts the services and the gateway; resolves once every service answers behind the gateway. */
  async start(): Promise<void> {
    const namespace = {
      POSTGRES_URL: this.postgresUrl,
      NATS_URL: this.natsUrl,
      REDIS_URL: this.redisUrl,
      // Request subjects and event subjects must not share a first token: JetStream would
      // capture the requests (and answer them with a publish acknowledgement).
      NATS_SUBJECT_PREFIX: `rpc_${this.token}.`.toLowerCase(),
      EVENTS_STREAM: this.streams.events,
      EVENTS_SUBJECT_PREFIX: `ev_${this.token}`.toLowerCase(),
      DLQ_STREAM: this.streams.deadLetters,
      DLQ_SUBJECT_PREFIX: `dlq_${this.token}`.toLowerCase(),
      LOG_LEVEL: 'warn',
    };
    for (const service of this.options.services) {
      this.spawn(service, {
        ...namespace,
        PORT: String(await freePort()),
        [`${service.toUpperCase()}_DATABASE_URL`]: this.withDatabase(this.databaseName(service)),
        ...this.options.serviceEnv?.(service),
      });
    }
    const port = await freePort();
    this.spawn('gateway', {
      ...namespace,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT_KEY_PREFIX: this.rateLimitPrefix,
      // Load generators are few users sending a lot: lift the budgets, keep counting in Redis.
      RATE_LIMIT_USER_MAX: '10000000',
      RATE_LIMIT_AUTH_MAX: '1000000',
      ...this.options.gatewayEnv,
    });
    this.baseUrl = `http://127.0.0.1:${port}`;
    await this.waitUntilReady();
  }

  /** Registers an account through the gateway and returns its access token. */
  async signUp(email = `bench-${randomBytes(4).toString('hex')}@example.com`): Promise<string> {
    const response = await fetch(`${this.baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'benchmark password', name: 'Bench' }),
    });
    if (response.status !== 201) throw new Error(`registering a bench user answered ${response.status}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
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
    await deleteRedisKeys(this.redisUrl, this.rateLimitPrefix);
  }

  private spawn(app: BenchService | 'gateway', env: Record<string, string>): void {
    const child = spawn(process.execPath, [dist('apps', app, 'src', 'main.js')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.children.push(child);
  }

  /** The gateway ready and every service answering behind it, as its readiness reports them. */
  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const dead = this.children.find((child) => child.exitCode !== null);
      if (dead)
        throw new Error(`${dead.spawnargs[1] ?? 'a process'} exited with ${dead.exitCode} during start`);
      const ready = await fetch(`${this.baseUrl}/health/ready`)
        .then(
          async (res) =>
            (await res.json()) as { details?: Record<string, { status?: string; degraded?: boolean }> },
        )
        .catch(() => undefined);
      const up = this.options.services.every((service) => {
        const check = ready?.details?.[`service:${service}`];
        return check?.status === 'up' && check.degraded !== true;
      });
      if (up) return;
      await sleep(200);
    }
    throw new Error('The platform did not become ready within 60 s');
  }

  private async dropDatabases(): Promise<void> {
    const client = new Client({ connectionString: this.withDatabase('postgres') });
    await client.connect();
    try {
      for (const service of this.options.services) {
        await client.query(`DROP DATABASE IF EXISTS "${this.databaseName(service)}" WITH (FORCE)`);
      }
    } finally {
      await client.end();
    }
  }

  private async deleteStreams(): Promise<void> {
    const nats = await connect({ servers: this.natsUrl, name: 'bench-cleanup' });
    try {
      const jsm = await nats.jetstreamManager();
      for (const stream of [this.streams.events, this.streams.deadLetters]) {
        await jsm.streams.delete(stream).catch(() => false);
      }
    } finally {
      await nats.close();
    }
  }
}
