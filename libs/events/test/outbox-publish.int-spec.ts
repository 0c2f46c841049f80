import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { RequestContext } from '@platform/common';
import {
  buildDataSourceOptions,
  registerDefaultDataSource,
  runInTransaction,
  unregisterDefaultDataSource,
} from '@platform/database';
import {
  CoursePublished,
  EVENT_ENTITIES,
  EVENT_MIGRATIONS,
  EventPublisher,
  OUTBOX_CHANNEL,
  UserRegistered,
} from '@platform/events';
import {
  type TestDatabase,
  assertEntitiesMatchMigrations,
  assertMigrationsReversible,
  createTestDatabase,
} from '@platform/testing';

let database: TestDatabase;
let dataSource: DataSource;
let publisher: EventPublisher;

const userId = '01890000-0000-7000-8000-0000000000aa';
const registered = {
  userId,
  name: 'Ada',
  email: 'ada@example.com',
  roles: ['student' as const],
  avatarUrl: null,
  headline: null,
  locale: null,
};

beforeAll(async () => {
  database = await createTestDatabase('outbox_publish');
  dataSource = new DataSource(
    buildDataSourceOptions({ url: database.url, entities: EVENT_ENTITIES, migrations: EVENT_MIGRATIONS }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations();
  registerDefaultDataSource(dataSource);
  publisher = new EventPublisher(dataSource, 'identity');
});

afterAll(async () => {
  unregisterDefaultDataSource(dataSource);
  await dataSource.destroy();
  await database.drop();
});

const outboxRows = (): Promise<{ id: string; type: string; envelope: Record<string, unknown> }[]> =>
  dataSource.query('SELECT id, type, envelope FROM outbox ORDER BY sequence');

describe('EventPublisher', () => {
  beforeEach(() => dataSource.query('TRUNCATE outbox'));

  it('writes the envelope to the outbox inside the caller transaction', async () => {
    const envelope = await RequestContext.run(
      {
        correlationId: 'corr-1',
        userId,
        roles: ['student'],
        causationId: '01890000-0000-7000-8000-0000000000cc',
      },
      () =>
        runInTransaction(() => publisher.publish(UserRegistered, { aggregateId: userId, data: registered })),
    );
    const rows = await outboxRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(envelope.id);
    expect(rows[0].envelope).toEqual({
      id: envelope.id,
      type: 'identity.user.registered',
      version: 1,
      occurredAt: envelope.occurredAt,
      source: 'identity',
      aggregateId: userId,
      correlationId: 'corr-1',
      causationId: '01890000-0000-7000-8000-0000000000cc',
      actorId: userId,
      data: registered,
    });
  });

  it('refuses to publish outside a transaction', async () => {
    await expect(
      publisher.publish(UserRegistered, { aggregateId: userId, data: registered }),
    ).rejects.toThrow(/must run inside a transaction/);
    expect(await outboxRows()).toHaveLength(0);
  });

  it('records nothing when the transaction rolls back', async () => {
    await expect(
      runInTransaction(async () => {
        await publisher.publish(UserRegistered, { aggregateId: userId, data: registered });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await outboxRows()).toHaveLength(0);
  });

  it('validates the payload and the source before writing', async () => {
    await expect(
      runInTransaction(() =>
        publisher.publish(UserRegistered, { aggregateId: userId, data: { ...registered, userId: 'nope' } }),
      ),
    ).rejects.toThrow(/uuid|UUID/);
    await expect(
      runInTransaction(() =>
        publisher.publish(CoursePublished, {
          aggregateId: userId,
          data: {
            courseId: userId,
            instructorId: userId,
            title: 't',
            priceCents: 0,
            currency: 'EUR',
            capacity: null,
            publishedAt: new Date().toISOString(),
          },
        }),
      ),
    ).rejects.toThrow(/identity service cannot publish course.course.published/);
    expect(await outboxRows()).toHaveLength(0);
  });

  it('wakes listeners when the transaction commits, not before', async () => {
    const listener = new Client({ connectionString: database.url });
    await listener.connect();
    const notified: number[] = [];
    listener.on('notification', () => notified.push(Date.now()));
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    let committedAt = 0;
    await runInTransaction(async () => {
      await publisher.publish(UserRegistered, { aggregateId: userId, data: registered });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(notified).toHaveLength(0);
      committedAt = Date.now();
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await listener.end();
    expect(notified).toHaveLength(1);
    expect(notified[0]).toBeGreaterThanOrEqual(committedAt);
  });
});

describe('event tables migration', () => {
  it('matches the entities and reverses cleanly', async () => {
    await assertEntitiesMatchMigrations({ entities: EVENT_ENTITIES, migrations: EVENT_MIGRATIONS });
    await assertMigrationsReversible({ entities: EVENT_ENTITIES, migrations: EVENT_MIGRATIONS });
  });
});
