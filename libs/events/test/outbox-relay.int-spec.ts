import { newId } from '@platform/common';
import { type EventsModuleOptions } from '@platform/events';
import {
  TcpProxy,
  type TestDatabase,
  createTestDatabase,
  testEventStreams,
  testServers,
  waitUntil,
} from '@platform/testing';
import { type NatsConnection } from 'nats';
import { type DataSource } from 'typeorm';
import {
  buildRelay,
  connectNats,
  newIds,
  openEventDataSource,
  provisionStreams,
  writeCourseUpdates,
} from './fixtures/relay-harness';
import { envelopeOf, readStream } from './fixtures/stream-reader';

const streams = testEventStreams('relay');
let database: TestDatabase;
let dataSource: DataSource;
let nats: NatsConnection;

beforeAll(async () => {
  database = await createTestDatabase('outbox_relay');
  dataSource = await openEventDataSource(database.url);
  await dataSource.runMigrations();
  nats = await connectNats(testServers.natsUrl(), 'relay-test');
  await provisionStreams(nats, streams.options);
});

afterAll(async () => {
  await nats?.close();
  await dataSource?.destroy();
  await Promise.all([database?.drop(), streams.remove()]);
});

beforeEach(async () => {
  await dataSource.query('TRUNCATE outbox');
  await (await nats.jetstreamManager()).streams.purge(streams.options.streamName);
});

const backlog = async (): Promise<number> =>
  (
    await dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    )
  )[0].n;

async function streamEnvelopes(): Promise<
  Array<{ id: string; aggregateId: string; data: { version: number } }>
> {
  return (await readStream(await nats.jetstreamManager(), streams.options.streamName)).map(
    (message) => envelopeOf(message) as { id: string; aggregateId: string; data: { version: number } },
  );
}

/** For each aggregate, the versions in stream order: [1, 2, …, n] when order held. */
function versionsByAggregate(envelopes: Awaited<ReturnType<typeof streamEnvelopes>>): Map<string, number[]> {
  const byAggregate = new Map<string, number[]>();
  for (const envelope of envelopes) {
    byAggregate.set(envelope.aggregateId, [
      ...(byAggregate.get(envelope.aggregateId) ?? []),
      envelope.data.version,
    ]);
  }
  return byAggregate;
}

describe('OutboxRelay on PostgreSQL', () => {
  it('three relays over 1,000 rows: each event accepted once, per-aggregate order kept', async () => {
    const courses = newIds(50);
    await writeCourseUpdates(dataSource, courses, 20);
    const options: EventsModuleOptions = {
      ...streams.options,
      relay: { batchSize: 20, pollIntervalMs: 100 },
    };
    const sources = await Promise.all([1, 2, 3].map(() => openEventDataSource(database.url, 3)));
    const connections = await Promise.all(
      [1, 2, 3].map((n) => connectNats(testServers.natsUrl(), `relay-${n}`)),
    );
    // Each relay's first send waits until all three hold a claim, so they truly compete.
    let claimed = 0;
    let releaseAll: () => void = () => undefined;
    const allClaimed = new Promise<void>((resolve) => (releaseAll = resolve));
    const relays = sources.map((source, index) =>
      buildRelay(source, connections[index], options, (send) => {
        let first = true;
        return async (record) => {
          if (first) {
            first = false;
            claimed += 1;
            if (claimed === 3) releaseAll();
            await Promise.race([allClaimed, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
          }
          return send(record);
        };
      }),
    );
    try {
      relays.forEach(({ relay }) => relay.start());
      await waitUntil(backlog, (n) => n === 0, { timeoutMs: 60_000, what: 'backlog drained' });
    } finally {
      await Promise.all(relays.map(({ relay }) => relay.stop()));
      await Promise.all(connections.map((connection) => connection.close()));
      await Promise.all(sources.map((source) => source.destroy()));
    }

    expect(claimed).toBe(3);
    expect(relays.every(({ sent }) => sent.length > 0)).toBe(true);
    expect(relays.reduce((sum, { sent }) => sum + sent.length, 0)).toBe(1_000);
    expect(relays.reduce((sum, { duplicates }) => sum + duplicates, 0)).toBe(0);
    const envelopes = await streamEnvelopes();
    expect(envelopes).toHaveLength(1_000);
    expect(new Set(envelopes.map((envelope) => envelope.id)).size).toBe(1_000);
    const inOrder = Array.from({ length: 20 }, (_, i) => i + 1);
    for (const courseId of courses) expect(versionsByAggregate(envelopes).get(courseId)).toEqual(inOrder);
  });

  it('does not publish event 2 of an aggregate while another relay holds event 1', async () => {
    const [held, free] = newIds(2);
    await writeCourseUpdates(dataSource, [held, free], 3);
    const [first] = await dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM outbox WHERE aggregate_id = $1 ORDER BY sequence LIMIT 1',
      [held],
    );
    // Another relay, mid-publish: it holds the head row of `held` in its open transaction.
    const otherRelay = dataSource.createQueryRunner();
    await otherRelay.connect();
    await otherRelay.startTransaction();
    await otherRelay.query('SELECT id FROM outbox WHERE id = $1 FOR UPDATE', [first.id]);
    const { relay, sent } = buildRelay(dataSource, nats, streams.options);
    try {
      const round = await relay.relayOnce();
      expect(round).toMatchObject({ claimed: 3, published: 3, failed: 0 });
      expect(versionsByAggregate(await streamEnvelopes())).toEqual(new Map([[free, [1, 2, 3]]]));
    } finally {
      await otherRelay.rollbackTransaction();
      await otherRelay.release();
    }
    // The holder gave up without publishing: now the held aggregate goes, in order.
    expect(await relay.relayOnce()).toMatchObject({ claimed: 3, published: 3 });
    expect(versionsByAggregate(await streamEnvelopes()).get(held)).toEqual([1, 2, 3]);
    expect(sent).toHaveLength(6);
  });

  it('loses nothing while NATS is unreachable and drains the backlog when it is back', async () => {
    const proxy = await TcpProxy.start(testServers.natsUrl());
    const proxied = await connectNats(proxy.urlFor(testServers.natsUrl()), 'relay-behind-proxy');
    const options = {
      ...streams.options,
      relay: { pollIntervalMs: 100, publishTimeoutMs: 300, retryMinMs: 50, retryMaxMs: 200 },
    };
    const { relay, sent } = buildRelay(dataSource, proxied, options);
    relay.start();
    try {
      await proxy.cut();
      const courses = newIds(10);
      await writeCourseUpdates(dataSource, courses, 10);
      // The relay tries, fails and records why; every event is still there.
      await waitUntil(
        () =>
          dataSource.query<unknown[]>('SELECT 1 FROM outbox WHERE attempts >= 2 AND last_error IS NOT NULL'),
        (rows) => rows.length > 0,
        { what: 'failed publish attempts recorded' },
      );
      expect(await backlog()).toBe(100);

      await proxy.restore();
      await waitUntil(backlog, (n) => n === 0, { timeoutMs: 60_000, what: 'backlog drained' });
      const envelopes = await streamEnvelopes();
      expect(new Set(envelopes.map((envelope) => envelope.id)).size).toBe(100);
      expect(envelopes).toHaveLength(100); // re-sends of timed-out publishes were de-duplicated
      for (const courseId of courses) {
        expect(versionsByAggregate(envelopes).get(courseId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      }
      expect(sent.length).toBeGreaterThanOrEqual(100);
    } finally {
      await relay.stop();
      await proxied.close();
      await proxy.close();
    }
  });

  it('wakes on NOTIFY at commit instead of waiting for its poll', async () => {
    const { relay } = buildRelay(dataSource, nats, {
      ...streams.options,
      relay: { pollIntervalMs: 600_000 },
    });
    relay.start();
    try {
      // Let the first (empty) round pass, so the relay is asleep until woken.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [courseId] = newIds(1);
      await writeCourseUpdates(dataSource, [courseId], 1);
      await waitUntil(backlog, (n) => n === 0, { timeoutMs: 10_000, what: 'woken relay published' });
    } finally {
      await relay.stop();
    }
    expect((await streamEnvelopes()).map((envelope) => envelope.aggregateId)).toHaveLength(1);
  });

  it('stops promptly while NATS is down, leaving unsent events for the next process', async () => {
    const proxy = await TcpProxy.start(testServers.natsUrl());
    const proxied = await connectNats(proxy.urlFor(testServers.natsUrl()), 'relay-stopping');
    const { relay } = buildRelay(dataSource, proxied, {
      ...streams.options,
      relay: { publishTimeoutMs: 200, retryMinMs: 5_000, retryMaxMs: 60_000 },
    });
    await proxy.cut();
    await writeCourseUpdates(dataSource, [newId()], 2);
    relay.start();
    await waitUntil(
      () => dataSource.query<unknown[]>('SELECT 1 FROM outbox WHERE attempts >= 1'),
      (rows) => rows.length > 0,
    );
    await relay.stop(); // returns from its backoff pause at once
    expect(await backlog()).toBe(2);
    await proxied.close();
    await proxy.close();
  });

  it('prunes sent rows past retention and never unsent ones', async () => {
    const courses = newIds(3);
    await writeCourseUpdates(dataSource, courses, 2);
    const { relay } = buildRelay(dataSource, nats, streams.options);
    await relay.relayOnce();
    await writeCourseUpdates(dataSource, courses, 1); // unsent, and old
    await dataSource.query(`UPDATE outbox SET created_at = now() - interval '10 days'`);
    await dataSource.query(
      `UPDATE outbox SET published_at = now() - interval '4 days'
       WHERE published_at IS NOT NULL AND aggregate_id = $1`,
      [courses[0]],
    );
    const { PostgresOutboxStore } = await import('@platform/events');
    const pruned = await new PostgresOutboxStore(dataSource).pruneSent(3 * 24 * 3_600_000);
    expect(pruned).toBe(2);
    const left = await dataSource.query<Array<{ sent: number; unsent: number }>>(
      `SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS sent,
              count(*) FILTER (WHERE published_at IS NULL)::int AS unsent FROM outbox`,
    );
    expect(left).toEqual([{ sent: 4, unsent: 3 }]);
  });
});
