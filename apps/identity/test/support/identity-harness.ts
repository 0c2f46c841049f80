import { type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  NatsModule,
  PlatformModule,
  RequestContext,
  type Role,
  createHttpAdapter,
  newId,
} from '@platform/common';
import {
  type AuthResultView,
  IdentityPatterns,
  RequestReplyModule,
  type RequestPattern,
  ServiceClient,
} from '@platform/contracts';
import { type TestDatabase, createTestDatabase, testServers, uniqueTestToken } from '@platform/testing';
import { connect } from 'nats';
import { DataSource } from 'typeorm';
import { type IdentityConfig, loadIdentityConfig } from '../../src/config';
import { IdentityModule } from '../../src/identity.module';

/** Who calls, as the gateway would put it in the message headers. */
export interface Caller {
  userId?: string;
  roles?: Role[];
  clientIp?: string;
  userAgent?: string;
}

export const ANONYMOUS: Caller = {};

/**
 * The identity service started in-process on a fresh database with its own NATS subject
 * prefix, and a ServiceClient calling it over real NATS, as the gateway does.
 * Run one harness at a time in a file: `runInTransaction` resolves the process-wide default
 * data source, which the last started application registered (and unregisters on close).
 */
export class IdentityHarness {
  private constructor(
    readonly app: INestApplication,
    private readonly caller: INestApplication,
    readonly client: ServiceClient,
    readonly database: TestDatabase,
    readonly config: IdentityConfig,
    readonly dataSource: DataSource,
    private readonly eventStream: string,
  ) {}

  static async start(label: string, env: Record<string, string> = {}): Promise<IdentityHarness> {
    const database = await createTestDatabase(label);
    const config = loadIdentityConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      POSTGRES_URL: testServers.postgresUrl(),
      NATS_URL: testServers.natsUrl(),
      IDENTITY_DATABASE_URL: database.url,
      // Cheap hashing keeps tests fast; production parameters are covered by the hasher's own tests.
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_TIME_COST: '1',
      ACCOUNT_MAIL_COOLDOWN_SECONDS: '0',
      ...env,
    });
    const token = uniqueTestToken(label);
    const subjectPrefix = `${token}.`;
    // Its own event stream, so an outbox relay never publishes test events where others read.
    const events = { streamName: `EV_${token}`, subjectPrefix: `ev_${token}` };
    const serviceRef = await Test.createTestingModule({
      imports: [IdentityModule.forRoot(config, { subjectPrefix, events })],
    }).compile();
    const app = serviceRef.createNestApplication(createHttpAdapter(), { logger: false });
    await app.init();

    @Module({
      imports: [
        PlatformModule.forRoot({ service: 'gateway', logLevel: 'silent' }),
        NatsModule.forRoot({ url: testServers.natsUrl(), name: `gateway-${label}` }),
        RequestReplyModule.forClient({ subjectPrefix, defaultTimeoutMs: 15_000 }),
      ],
    })
    class CallerModule {}
    const callerRef = await Test.createTestingModule({ imports: [CallerModule] }).compile();
    const caller = callerRef.createNestApplication(createHttpAdapter(), { logger: false });
    await caller.init();
    return new IdentityHarness(
      app,
      caller,
      caller.get(ServiceClient),
      database,
      config,
      app.get(DataSource),
      events.streamName,
    );
  }

  async close(): Promise<void> {
    await this.caller?.close();
    await this.app?.close();
    await this.database?.drop();
    await removeStream(this.eventStream);
  }

  send<Req, Res>(pattern: RequestPattern<Req, Res>, request: Req, caller: Caller = ANONYMOUS): Promise<Res> {
    return RequestContext.run(
      {
        correlationId: newId(),
        userId: caller.userId,
        roles: caller.roles ?? [],
        clientIp: caller.clientIp ?? '203.0.113.7',
        userAgent: caller.userAgent ?? 'jest',
      },
      () => this.client.send(pattern, request),
    );
  }

  /** The error a call fails with (fails the test when it succeeds). */
  async failure<Req, Res>(pattern: RequestPattern<Req, Res>, request: Req, caller?: Caller): Promise<Error> {
    try {
      await this.send(pattern, request, caller);
    } catch (error) {
      return error as Error;
    }
    throw new Error(`${pattern.subject} succeeded but was expected to fail`);
  }

  query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, parameters);
  }

  async register(
    overrides: Partial<{
      email: string;
      password: string;
      name: string;
      role: 'student' | 'instructor';
    }> = {},
  ): Promise<AuthResultView & { password: string }> {
    const password = overrides.password ?? 'correct horse battery';
    const result = await this.send(IdentityPatterns.register, {
      email: overrides.email ?? `${uniqueTestToken('user')}@example.com`,
      password,
      name: overrides.name ?? 'Ada Lovelace',
      ...(overrides.role ? { role: overrides.role } : {}),
    });
    return { ...result, password };
  }

  /** Makes an existing account admin directly in the database (the way the CLI would). */
  async makeAdmin(userId: string): Promise<Caller> {
    await this.query(`UPDATE users SET roles = ARRAY['admin']::varchar[] WHERE id = $1`, [userId]);
    return { userId, roles: ['admin'] };
  }
}

/** Deletes the file's event stream, if a relay created one. */
async function removeStream(stream: string): Promise<void> {
  const connection = await connect({ servers: testServers.natsUrl(), name: 'identity-test-cleanup' });
  try {
    const jsm = await connection.jetstreamManager();
    await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await connection.close();
  }
}

export function callerOf(auth: AuthResultView): Caller {
  return { userId: auth.user.id, roles: auth.user.roles };
}
