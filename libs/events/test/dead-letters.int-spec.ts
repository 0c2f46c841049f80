import { type INestApplication, Injectable } from '@nestjs/common';
import { NATS_CONNECTION, newId } from '@platform/common';
import { runInTransaction } from '@platform/database';
import {
  DeadLetterQueue,
  type EventData,
  type EventEnvelope,
  EventHandler,
  EventPublisher,
  UserRegistered,
} from '@platform/events';
import {
  type TestDatabase,
  TypeScriptChild,
  createTestDatabase,
  registeredUser,
  sampleEnvelope,
  testEventStreams,
  testServers,
  waitUntil,
} from '@platform/testing';
import { type NatsConnection } from 'nats';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { recordSideEffect, startEventTestApp } from './fixtures/event-test-app';

type Registered = EventEnvelope<EventData<typeof UserRegistered>>;

@Injectable()
class WelcomeMailer {
  fixed = false;
  attempts = new Map<string, number>();

  @EventHandler(UserRegistered, { consumer: 'welcome-mail', maxDeliveries: 3 })
  async onRegistered(event: Registered): Promise<void> {
    this.attempts.set(event.id, (this.attempts.get(event.id) ?? 0) + 1);
    if (!this.fixed) throw new Error(`SMTP relay refused ${event.data.email}`);
    await recordSideEffect('welcome-mail', event, {});
  }
}

@Injectable()
class UserProjection {
  calls = new Map<string, number>();

  @EventHandler(UserRegistered, { consumer: 'project-users' })
  async onRegistered(event: Registered): Promise<void> {
    this.calls.set(event.id, (this.calls.get(event.id) ?? 0) + 1);
    await recordSideEffect('project-users', event, {});
  }
}

const streams = testEventStreams('dlq');
const events = {
  ...streams.options,
  consumers: { retryBackoffMs: [50, 100] },
  relay: { pollIntervalMs: 200 },
};
let identityDb: TestDatabase;
let courseDb: TestDatabase;
let identity: INestApplication;
let course: INestApplication;
let nats: NatsConnection;
let dlq: DeadLetterQueue;

beforeAll(async () => {
  [identityDb, courseDb] = await Promise.all([
    createTestDatabase('dlq_identity'),
    createTestDatabase('dlq_course'),
  ]);
  const natsUrl = testServers.natsUrl();
  identity = await startEventTestApp({ service: 'identity', databaseUrl: identityDb.url, natsUrl, events });
  course = await startEventTestApp({
    service: 'course',
    databaseUrl: courseDb.url,
    natsUrl,
    events,
    providers: [WelcomeMailer, UserProjection],
  });
  nats = course.get<NatsConnection>(NATS_CONNECTION);
  dlq = course.get(DeadLetterQueue);
});

afterAll(async () => {
  await Promise.all([identity?.close(), course?.close()]);
  await Promise.all([identityDb?.drop(), courseDb?.drop(), streams.remove()]);
});

async function register(): Promise<Registered> {
  const userId = newId();
  return runInTransaction(
    () =>
      identity
        .get(EventPublisher)
        .publish(UserRegistered, { aggregateId: userId, data: registeredUser(userId, { name: 'Grace' }) }),
    { dataSource: identity.get(DataSource) },
  );
}

const effects = (consumer: string, eventId: string) =>
  course
    .get(DataSource)
    .query<unknown[]>('SELECT 1 FROM side_effects WHERE consumer = $1 AND event_id = $2', [
      consumer,
      eventId,
    ]);

const parkedFor = async (match: (entry: Awaited<ReturnType<DeadLetterQueue['list']>>[number]) => boolean) =>
  (await dlq.list({ limit: 1_000 })).filter(match);

const publishRaw = async (body: Uint8Array): Promise<void> => {
  await nats
    .jetstream()
    .publish(`${streams.options.subjectPrefix}.${UserRegistered.type}`, body, { msgID: newId() });
};

describe('dead letters', () => {
  it('parks a message after N failed deliveries with its error; a replay reaches only the failed consumer', async () => {
    const event = await register();
    const [letter] = await waitUntil(
      () => parkedFor((entry) => entry.eventId === event.id),
      (found) => found.length === 1,
      { what: 'the failing message in the DLQ' },
    );
    const mailer = course.get(WelcomeMailer);
    expect(mailer.attempts.get(event.id)).toBe(3);
    expect(letter).toMatchObject({
      service: 'course',
      consumer: 'course-welcome-mail',
      reason: 'handler-failed',
      deliveries: 3,
      eventType: 'identity.user.registered',
      originalSubject: `${streams.options.subjectPrefix}.identity.user.registered`,
      originalStream: streams.options.streamName,
    });
    expect(letter.error).toBe('Error: SMTP relay refused grace@example.com');
    expect(JSON.parse(new TextDecoder().decode(letter.data))).toMatchObject({ id: event.id });
    await waitUntil(
      () => effects('project-users', event.id),
      (rows) => rows.length === 1,
    );

    mailer.fixed = true;
    await dlq.replay(letter.seq);
    await waitUntil(
      () => effects('welcome-mail', event.id),
      (rows) => rows.length === 1,
      {
        what: 'the fixed handler to consume the replay',
      },
    );
    expect(mailer.attempts.get(event.id)).toBe(4);
    // The projection got the copy too and left it alone (it is marked for welcome-mail).
    await waitUntil(
      async () =>
        (await nats.jetstreamManager()).consumers.info(streams.options.streamName, 'course-project-users'),
      (info) => info.num_pending + info.num_ack_pending === 0,
    );
    expect(course.get(UserProjection).calls.get(event.id)).toBe(1);
    expect(await effects('project-users', event.id)).toHaveLength(1);
    expect(await dlq.find(letter.seq)).toBeUndefined();
    mailer.fixed = false;
  });

  it.each([
    ['undecodable bytes', () => new TextEncoder().encode('{"not": "an envelope"'), 'undecodable'],
    ['an unknown version', () => envelopeBytes({ version: 99 }), 'unknown-event'],
    [
      'a payload failing its schema',
      () => envelopeBytes({ data: { userId: 'not-a-uuid' } }),
      'invalid-payload',
    ],
  ])(
    'parks %s at the first delivery, for every consumer, without running a handler',
    async (_label, body, reason) => {
      const before = await dlq.list({ limit: 1_000 });
      const mailerCalls = [...course.get(WelcomeMailer).attempts.values()].reduce((a, b) => a + b, 0);
      await publishRaw(body());
      const parked = await waitUntil(
        async () => (await dlq.list({ limit: 1_000 })).filter((e) => !before.some((b) => b.seq === e.seq)),
        (found) => found.length === 2,
        { what: 'one dead letter per consumer' },
      );
      expect(parked.map((e) => e.consumer).sort()).toEqual(['course-project-users', 'course-welcome-mail']);
      expect(parked.every((e) => e.reason === reason && e.deliveries === 1)).toBe(true);
      expect([...course.get(WelcomeMailer).attempts.values()].reduce((a, b) => a + b, 0)).toBe(mailerCalls);
    },
  );

  it('replays all entries of a consumer once, even those that fail again at once', async () => {
    const consumer = 'course-project-users';
    await publishRaw(new TextEncoder().encode('still not JSON'));
    await waitUntil(
      () => dlq.list({ consumer, limit: 1_000 }),
      (found) => found.some((e) => new TextDecoder().decode(e.data) === 'still not JSON'),
    );
    const before = await dlq.list({ consumer, limit: 1_000 });
    const otherConsumer = await dlq.list({ consumer: 'course-welcome-mail', limit: 1_000 });

    const results = await dlq.replayAll({ consumer });

    expect(results.map((r) => r.seq)).toEqual(before.map((e) => e.seq));
    const after = await waitUntil(
      () => dlq.list({ consumer, limit: 1_000 }),
      (found) => found.length === before.length,
      { what: 'the poison messages parked again' },
    );
    const lastBefore = before[before.length - 1].seq;
    expect(after.every((e) => e.seq > lastBefore)).toBe(true);
    // The other consumer on the subject acked the replays unread instead of parking them again.
    await waitUntil(
      async () =>
        (await nats.jetstreamManager()).consumers.info(streams.options.streamName, 'course-welcome-mail'),
      (info) => info.num_pending + info.num_ack_pending === 0,
    );
    expect(await dlq.list({ consumer: 'course-welcome-mail', limit: 1_000 })).toHaveLength(
      otherConsumer.length,
    );
  });

  it('lists, shows and replays from the command line', async () => {
    const event = await register();
    const [letter] = await waitUntil(
      () => parkedFor((entry) => entry.eventId === event.id),
      (found) => found.length === 1,
    );
    const cli = (...args: string[]) =>
      TypeScriptChild.spawn(join(__dirname, '../src/dead-letters/dlq.main.ts'), {
        args,
        env: { NATS_URL: testServers.natsUrl(), EVENTS_DLQ_STREAM: streams.options.deadLetterStreamName },
      });

    const list = cli('list', '--consumer', 'course-welcome-mail', '--json');
    expect(await list.exited).toEqual({ code: 0, signal: null });
    const listed = JSON.parse(list.output) as Array<{ seq: number; eventId: string; reason: string }>;
    expect(listed).toContainEqual(
      expect.objectContaining({ seq: letter.seq, eventId: event.id, reason: 'handler-failed' }),
    );

    const show = cli('show', String(letter.seq));
    expect((await show.exited).code).toBe(0);
    expect(show.output).toContain('x-dlq-error: Error: SMTP relay refused grace@example.com');
    expect(show.output).toContain(`"id": "${event.id}"`);

    course.get(WelcomeMailer).fixed = true;
    const replay = cli('replay', String(letter.seq));
    expect((await replay.exited).code).toBe(0);
    expect(replay.output).toMatch(
      new RegExp(`Replayed #${letter.seq} to ${streams.options.subjectPrefix}\\.identity`),
    );
    await waitUntil(
      () => effects('welcome-mail', event.id),
      (rows) => rows.length === 1,
    );

    const again = cli('replay', String(letter.seq));
    expect(await again.exited).toEqual({ code: 1, signal: null });
    expect(again.output).toContain(`No dead letter #${letter.seq}`);
    const wrong = cli('replay', 'abc');
    expect((await wrong.exited).code).toBe(2);
  });
});

function envelopeBytes(overrides: Partial<EventEnvelope>): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify(sampleEnvelope(UserRegistered, registeredUser(newId()), overrides)),
  );
}
