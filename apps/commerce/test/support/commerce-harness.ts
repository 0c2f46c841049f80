import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NATS_CONNECTION, type Role, RequestContext, createHttpAdapter, newId } from '@platform/common';
import { type RequestPattern, ServiceClient } from '@platform/contracts';
import { type TestDatabase, createTestDatabase, testServers, uniqueTestToken } from '@platform/testing';
import { type NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { CommerceModule } from '../../src/commerce.module';
import { loadCommerceConfig } from '../../src/config';
import { type TestPaymentProcessor } from '../../src/payments/test-processor/test-payment-processor';
import { TestProcessorHost } from '../../src/payments/test-processor/test-processor.host';
import { type SeatDouble, startSeatDouble } from './seat-double';

export interface TestUser {
  userId: string;
  roles: Role[];
}

export const newUser = (...roles: Role[]): TestUser => ({
  userId: newId(),
  roles: roles.length ? roles : ['student'],
});

export interface OutboxRow {
  type: string;
  aggregateId: string;
  data: Record<string, unknown>;
}

/**
 * The commerce service as tests meet it: a real Nest application on its own database and
 * NATS subject prefix, the built-in HTTP test processor, and a course double answering
 * seat holds over NATS. Requests go through ServiceClient in a user's request context.
 */
export class CommerceHarness {
  private constructor(
    readonly app: INestApplication,
    readonly seats: SeatDouble,
    private readonly database: TestDatabase,
    private readonly streams: string[],
  ) {}

  static async start(label: string, env: Record<string, string> = {}): Promise<CommerceHarness> {
    const database = await createTestDatabase(label);
    const token = uniqueTestToken(label);
    const subjectPrefix = `${token}.`;
    const config = loadCommerceConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      POSTGRES_URL: testServers.postgresUrl(),
      NATS_URL: testServers.natsUrl(),
      COMMERCE_DATABASE_URL: database.url,
      COMMERCE_JOBS_INTERVAL_MS: '0',
      ...env,
    });
    const events = {
      streamName: `EVENTS_${token}`,
      subjectPrefix: `events_${token}`,
      deadLetterStreamName: `DLQ_${token}`,
    };
    const moduleRef = await Test.createTestingModule({
      imports: [CommerceModule.forRoot(config, { subjectPrefix, events })],
    }).compile();
    const app = moduleRef.createNestApplication(createHttpAdapter(), { logger: false });
    await app.init();
    const seats = await startSeatDouble(subjectPrefix);
    return new CommerceHarness(app, seats, database, [events.streamName, events.deadLetterStreamName]);
  }

  get client(): ServiceClient {
    return this.app.get(ServiceClient);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get processor(): TestPaymentProcessor {
    return this.app.get(TestProcessorHost).processor;
  }

  get<T>(type: abstract new (...args: never[]) => T): T {
    return this.app.get(type as never);
  }

  as<T>(user: TestUser | undefined, work: () => Promise<T>): Promise<T> {
    return RequestContext.run(
      { correlationId: newId(), userId: user?.userId, roles: user?.roles ?? [] },
      work,
    );
  }

  send<Req, Res>(user: TestUser | undefined, pattern: RequestPattern<Req, Res>, request: Req): Promise<Res> {
    return this.as(user, () => this.client.send(pattern, request, { timeoutMs: 20_000 }));
  }

  /** The error a request fails with (fails the test if it succeeds). */
  async failure<Req, Res>(
    user: TestUser | undefined,
    pattern: RequestPattern<Req, Res>,
    request: Req,
  ): Promise<{
    code: string;
    message: string;
    details?: unknown;
  }> {
    const outcome = await this.send(user, pattern, request).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome))
      throw new Error(`Expected ${pattern.subject} to fail, got ${JSON.stringify(outcome.value)}`);
    return outcome.error as { code: string; message: string; details?: unknown };
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  /** The stock counters of a counted product. */
  async stockOf(productId: string): Promise<{ on_hand: number; reserved: number } | undefined> {
    const [row] = await this.query<{ on_hand: number; reserved: number }>(
      `SELECT on_hand, reserved FROM inventory_items WHERE product_id = $1`,
      [productId],
    );
    return row;
  }

  async outbox(type?: string): Promise<OutboxRow[]> {
    const rows = await this.query<{
      type: string;
      aggregate_id: string;
      envelope: { data: Record<string, unknown> };
    }>(
      `SELECT type, aggregate_id, envelope FROM outbox ${type ? 'WHERE type = $1' : ''} ORDER BY sequence`,
      type ? [type] : [],
    );
    return rows.map((row) => ({ type: row.type, aggregateId: row.aggregate_id, data: row.envelope.data }));
  }

  async close(): Promise<void> {
    // Streams the event runtime may have made for this file (none before it lands).
    const nats = this.app.get<NatsConnection>(NATS_CONNECTION);
    await nats
      .jetstreamManager()
      .then((jsm) => Promise.all(this.streams.map((name) => jsm.streams.delete(name).catch(() => false))))
      .catch(() => undefined);
    await this.seats.close();
    await this.app.close();
    await this.database.drop();
  }
}
