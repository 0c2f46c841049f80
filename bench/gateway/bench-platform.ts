import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { connect } from 'nats';
import { Client } from 'pg';

/**
 * What the gateway benchmark runs against, started from the build (dist/) on this machine's
 * PostgreSQL, Redis and NATS: identity on a database of its own and the gateway, both as
 * child processes in a namespace of their own (request subjects, event streams, rate-limit
 * keys), so the run touches nothing of a platform already running here. `stop()` removes
 * all of it: processes, database, streams and keys.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const DIST = join(__dirname, '..', '..');

export interface BenchServers {
  postgresUrl: string;
  redisUrl: string;
  natsUrl: string;
}

/** A benchmark floods its servers: it only ever runs against this machine's. */
export function loopbackServers(env: NodeJS.ProcessEnv = process.env): BenchServers {
  const servers = {
    postgresUrl: env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
  };
  for (const url of Object.values(servers)) {
    if (!LOOPBACK.has(new URL(url).hostname)) {
      throw new Error(`bench:gateway runs against 127.0.0.1 only, not ${new URL(url).host}`);
    }
  }
  return servers;
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

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export class BenchPlatform {
  private readonly children: ChildProcess[] = [];
  private readonly token = `bench${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  private readonly database = `${this.token}_identity`;
  private readonly streams = [`EV_${this.token}`, `DLQ_${this.token}`];
  private readonly rateLimitPrefix = `${this.token}:rate:`;
  baseUrl = '';

  constructor(private readonly servers: BenchServers) {}

  /** Starts identity, then the gateway; resolves once identity answers through the gateway. */
  async start(): Promise<void> {
    const [identityPort, gatewayPort] = [await freePort(), await freePort()];
    const namespace = {
      POSTGRES_URL: this.servers.postgresUrl,
      REDIS_URL: this.servers.redisUrl,
      NATS_URL: this.servers.natsUrl,
      NATS_SUBJECT_PREFIX: `${this.token}.`,
      EVENTS_STREAM: this.streams[0],
      EVENTS_SUBJECT_PREFIX: `ev_${this.token}`,
      DLQ_STREAM: this.streams[1],
      DLQ_SUBJECT_PREFIX: `dlq_${this.token}`,
      // Production settings (argon2 cost, no development defaults), quiet logs.
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    };
    this.spawn('identity', {
      ...namespace,
      PORT: String(identityPort),
      IDENTITY_DATABASE_URL: withDatabase(this.servers.postgresUrl, this.database),
      IDENTITY_KEY_ENCRYPTION_SECRET: randomBytes(32).toString('base64url'),
    });
    this.spawn('gateway', {
      ...namespace,
      PORT: String(gatewayPort),
      HOST: '127.0.0.1',
      RATE_LIMIT_KEY_PREFIX: this.rateLimitPrefix,
      // One user hammering the API: lift the per-user budget, keep counting it in Redis.
      RATE_LIMIT_USER_MAX: '10000000',
    });
    this.baseUrl = `http://127.0.0.1:${gatewayPort}`;
    await this.waitForIdentity();
  }

  private spawn(app: 'identity' | 'gateway', env: Record<string, string>): void {
    const main = join(DIST, 'apps', app, 'src', 'main.js');
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.children.push(child);
  }

  /** Identity has migrated its database and answers over NATS, as the gateway's readiness reports it. */
  private async waitForIdentity(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const exited = this.children.find((child) => child.exitCode !== null);
      if (exited) throw new Error(`${exited.spawnfile} exited with ${exited.exitCode} during start`);
      const ready = await fetch(`${this.baseUrl}/health/ready`)
        .then(async (res) => (await res.json()) as { details?: Record<string, { degraded?: boolean }> })
        .catch(() => undefined);
      const identity = ready?.details?.['service:identity'];
      if (identity && !identity.degraded) return;
      await sleep(200);
    }
    throw new Error('identity did not become reachable through the gateway within 60 s');
  }

  /** A signed-in user of the bench's own identity: an access token for GET /users/me. */
  async signUp(): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'benchmark password', name: 'Bench' }),
    });
    if (res.status !== 201) throw new Error(`registering the bench user answered ${res.status}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  /** Stops both processes and removes the database, streams and Redis keys of the run. */
  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }),
    );
    await this.dropDatabase();
    await this.deleteStreams();
    await this.deleteRateLimitKeys();
  }

  private async dropDatabase(): Promise<void> {
    const client = new Client({ connectionString: withDatabase(this.servers.postgresUrl, 'postgres') });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }

  private async deleteStreams(): Promise<void> {
    const nats = await connect({ servers: this.servers.natsUrl, name: 'bench-gateway-cleanup' });
    try {
      const jsm = await nats.jetstreamManager();
      for (const stream of this.streams) await jsm.streams.delete(stream).catch(() => false);
    } finally {
      await nats.close();
    }
  }

  private async deleteRateLimitKeys(): Promise<void> {
    const redis = new Redis(this.servers.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
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
