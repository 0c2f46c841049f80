import { type INestApplication, Injectable } from '@nestjs/common';
import { NATS_CONNECTION, RequestContext, type RequestContextData, newId } from '@platform/common';
import { runInTransaction } from '@platform/database';
import {
  type EventData,
  type EventEnvelope,
  EventHandler,
  EventPublisher,
  EventsRuntime,
  UserRegistered,
  UserUpdated,
  eventMetrics,
} from '@platform/events';
import {
  type TestDatabase,
  createTestDatabase,
  registeredUser,
  sampleEnvelope,
  testEventStreams,
  testServers,
  waitUntil,
} from '@platform/testing';
import { type NatsConnection, headers as natsHeaders } from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { recordSideEffect, startEventTestApp } from './fixtures/event-test-app';
import { envelopeOf, readStream } from './fixtures/stream-reader';

type Registered = EventEnvelope<EventData<typeof UserRegistered>>;

@Injectable()
class UserProjection {
  contexts: RequestContextData[] = [];
  /** Aggregates whose handler pauses, so two deliveries overlap. */
  slowAggregates = new Set<string>();

  @EventHandler(UserRegistered, { consumer: 'project-users' })
  async onRegistered(event: Registered): Promise<void> {
    this.contexts.push(RequestContext.current()!);
    if (this.slowAggregates.has(event.aggregateId)) await sleep(300);
    await recordSideEffect('project-users', event, { name: event.data.name }, RequestContext.userId());
  }
}

const streams = testEventStreams('flow');
const events = { ...streams.options, relay: { pollIntervalMs: 200 }, consumers: { retryBackoffMs: [50] } };
let identityDb: TestDatabase;
let courseDb: TestDatabase;
let identity: INestApplication;
let course: INestApplication;

const profile = (userId: string, name = 'Ada') => registeredUser(userId, { name });

function startCourse(providers = [UserProjection]): Promise<INestApplication> {
  return startEventTestApp({
    service: 'course',
    databaseUrl: courseDb.url,
    natsUrl: testServers.natsUrl(),
    events,
    providers,
  });
}

async function register(userId: string, name = 'Ada'): Promise<Registered> {
  const publisher = identity.get(EventPublisher);
  return runInTransaction(
    () => publisher.publish(UserRegistered, { aggregateId: userId, data: profile(userId, name) }),
    {
      dataSource: identity.get(DataSource),
    },
  );
}

const sideEffects = (app: INestApplication, aggregateId?: string) =>
  app
    .get(DataSource)
    .query<
      Array<{ event_id: string; aggregate_id: string; created_by: string | null; detail: { name: string } }>
    >('SELECT * FROM side_effects WHERE $1::text IS NULL OR aggregate_id = $1 ORDER BY id', [
      aggregateId ?? null,
    ]);

beforeAll(async () => {
  [identityDb, courseDb] = await Promise.all([
    createTestDatabase('flow_identity'),
    createTestDatabase('flow_course'),
  ]);
  identity = await startEventTestApp({
    service: 'identity',
    databaseUrl: identityDb.url,
    natsUrl: testServers.natsUrl(),
    events,
  });
  course = await startCourse();
});

afterAll(async () => {
  await Promise.all([identity?.close(), course?.close()]);
  await Promise.all([identityDb?.drop(), courseDb?.drop(), streams.remove()]);
});

describe('outbox → relay → JetStream → consumer → inbox', () => {
  it('delivers a committed event once, with the producer context carried into the handler', async () => {
    const userId = newId();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const event = await RequestContext.run(
      { correlationId: 'corr-flow-1', userId, roles: ['student'], traceparent },
      () => register(userId),
    );

    const [effect] = await waitUntil(
      () => sideEffects(course, userId),
      (rows) => rows.length > 0,
    );
    expect(effect).toMatchObject({ event_id: event.id, created_by: userId, detail: { name: 'Ada' } });
    const context = course.get(UserProjection).contexts.find((c) => c.causationId === event.id);
    expect(context).toMatchObject({
      correlationId: 'corr-flow-1',
      userId,
      causationId: event.id,
      traceparent,
    });

    const [outboxRow] = await identity
      .get(DataSource)
      .query<Array<{ published_at: Date | null }>>('SELECT published_at FROM outbox WHERE id = $1', [
        event.id,
      ]);
    expect(outboxRow.published_at).not.toBeNull();
    const inbox = await course
      .get(DataSource)
      .query('SELECT consumer FROM inbox WHERE event_id = $1', [event.id]);
    expect(inbox).toEqual([{ consumer: 'course-project-users' }]);
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const userId = newId();
    await expect(
      runInTransaction(
        async () => {
          await identity
            .get(EventPublisher)
            .publish(UserRegistered, { aggregateId: userId, data: profile(userId, 'Ghost') });
          throw new Error('the change failed');
        },
        { dataSource: identity.get(DataSource) },
      ),
    ).rejects.toThrow('the change failed');
    // A later event of the same aggregate: the relay keeps per-aggregate order, so once it is
    // handled, a rolled-back event would have been handled before it.
    const committed = await register(userId, 'Real');
    await waitUntil(
      () => sideEffects(course, userId),
      (rows) => rows.length > 0,
    );

    expect((await sideEffects(course, userId)).map((row) => row.event_id)).toEqual([committed.id]);
    const nats = identity.get<NatsConnection>(NATS_CONNECTION);
    const inStream = (await readStream(await nats.jetstreamManager(), streams.options.streamName))
      .map(envelopeOf)
      .filter((envelope) => envelope.aggregateId === userId);
    expect(inStream.map((envelope) => envelope.id)).toEqual([committed.id]);
  });

  it('applies an event delivered twice, concurrently, once', async () => {
    const second = await startCourse(); // two replicas share the durable consumer and the inbox
    try {
      const userId = newId();
      course.get(UserProjection).slowAggregates.add(userId);
      second.get(UserProjection).slowAggregates.add(userId);
      const envelope = sampleEnvelope(UserRegistered, profile(userId, 'Twice'), { aggregateId: userId });
      // Two copies under different message ids: what a re-send after the duplicate window looks like.
      const nats = identity.get<NatsConnection>(NATS_CONNECTION);
      const js = nats.jetstream();
      const subject = `${streams.options.subjectPrefix}.${UserRegistered.type}`;
      const bytes = new TextEncoder().encode(JSON.stringify(envelope));
      await Promise.all(
        ['a', 'b'].map((copy) =>
          js.publish(subject, bytes, { msgID: `${envelope.id}-${copy}`, headers: natsHeaders() }),
        ),
      );

      const consumed = () => eventMetrics.consumed.get();
      await waitUntil(
        async () => {
          const info = await (
            await nats.jetstreamManager()
          ).consumers.info(streams.options.streamName, 'course-project-users');
          return info.num_pending + info.num_ack_pending;
        },
        (outstanding) => outstanding === 0,
        { what: 'both copies acknowledged' },
      );
      expect(await sideEffects(course, userId)).toHaveLength(1);
      const outcomes = (await consumed()).values.filter((v) => v.labels.consumer === 'course-project-users');
      expect(outcomes.some((v) => v.labels.outcome === 'duplicate' && v.value >= 1)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('delivers to a consumer that was down everything published meanwhile', async () => {
    await course.close();
    const userIds = Array.from({ length: 20 }, () => newId());
    for (const userId of userIds) await register(userId, 'Offline');
    const jsm = await identity.get<NatsConnection>(NATS_CONNECTION).jetstreamManager();
    await waitUntil(
      async () => (await jsm.consumers.info(streams.options.streamName, 'course-project-users')).num_pending,
      (pending) => pending === userIds.length,
      { what: 'events waiting for the stopped consumer' },
    );

    course = await startCourse();
    const rows = await waitUntil(
      async () => (await sideEffects(course)).filter((row) => userIds.includes(row.aggregate_id)),
      (found) => found.length === userIds.length,
      { what: 'all events handled after restart' },
    );
    expect(new Set(rows.map((row) => row.aggregate_id)).size).toBe(userIds.length);
  });

  it('fills a brand-new consumer with what the stream already holds', async () => {
    @Injectable()
    class LateProjection {
      @EventHandler(UserRegistered, { consumer: 'late-projection' })
      async onRegistered(event: Registered): Promise<void> {
        await recordSideEffect('late-projection', event, { name: event.data.name });
      }

      @EventHandler(UserUpdated, { consumer: 'late-updates', startFrom: 'new' })
      async onUpdated(): Promise<void> {}
    }
    const inStream = await readStream(
      await identity.get<NatsConnection>(NATS_CONNECTION).jetstreamManager(),
      streams.options.streamName,
    );
    const before = new Set(
      inStream
        .filter((message) => message.subject.endsWith(UserRegistered.type))
        .map((m) => envelopeOf(m).id),
    ).size;
    const late = await startEventTestApp({
      service: 'notifier',
      databaseUrl: courseDb.url,
      natsUrl: testServers.natsUrl(),
      events,
      providers: [LateProjection],
    });
    try {
      const handled = await waitUntil(
        async () =>
          (
            await late
              .get(DataSource)
              .query<unknown[]>(`SELECT 1 FROM side_effects WHERE consumer = 'late-projection'`)
          ).length,
        (count) => count >= before,
      );
      expect(handled).toBe(before);
    } finally {
      await late.close();
    }
  });

  it('reports JetStream readiness and the outbox backlog', async () => {
    const runtime = identity.get(EventsRuntime);
    expect(runtime.relay).toBeDefined();
    const http = identity.getHttpAdapter().getInstance() as {
      inject(request: { method: 'GET'; url: string }): Promise<{ body: string }>;
    };
    const response = await http.inject({ method: 'GET', url: '/health/ready' });
    expect(JSON.parse(response.body)).toMatchObject({ info: { jetstream: { status: 'up' } } });
    const metrics = await http.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^events_outbox_backlog(\{[^}]*\})? 0$/m);
    expect(metrics.body).toMatch(/^events_outbox_oldest_unsent_age_seconds(\{[^}]*\})? 0$/m);
    expect(metrics.body).toMatch(/^events_published_total\{[^}]*type="identity.user.registered"[^}]*\} \d+/m);
  });
});
