import { type INestApplication, Injectable } from '@nestjs/common';
import { NATS_CONNECTION, newId } from '@platform/common';
import { type EventData, type EventEnvelope, EventHandler, UserRegistered } from '@platform/events';
import {
  type TestDatabase,
  TypeScriptChild,
  createTestDatabase,
  testEventStreams,
  testServers,
  waitUntil,
} from '@platform/testing';
import { type NatsConnection } from 'nats';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { recordSideEffect, startEventTestApp } from './fixtures/event-test-app';
import { envelopeOf, readStream } from './fixtures/stream-reader';

@Injectable()
class Projection {
  @EventHandler(UserRegistered, { consumer: 'project-users' })
  async onRegistered(event: EventEnvelope<EventData<typeof UserRegistered>>): Promise<void> {
    await recordSideEffect('project-users', event, { name: event.data.name });
  }
}

const streams = testEventStreams('crash');
const events = { ...streams.options, relay: { pollIntervalMs: 200 } };
let identityDb: TestDatabase;
let courseDb: TestDatabase;
let course: INestApplication;

beforeAll(async () => {
  [identityDb, courseDb] = await Promise.all([
    createTestDatabase('crash_identity'),
    createTestDatabase('crash_course'),
  ]);
  course = await startEventTestApp({
    service: 'course',
    databaseUrl: courseDb.url,
    natsUrl: testServers.natsUrl(),
    events,
    providers: [Projection],
  });
});

afterAll(async () => {
  await course?.close();
  await Promise.all([identityDb?.drop(), courseDb?.drop(), streams.remove()]);
});

function publisherProcess(mode: string, env: Record<string, string> = {}): TypeScriptChild {
  return TypeScriptChild.spawn(join(__dirname, 'fixtures/publisher-process.ts'), {
    env: {
      MODE: mode,
      DATABASE_URL: identityDb.url,
      NATS_URL: testServers.natsUrl(),
      EVENTS_OPTIONS: JSON.stringify(events),
      ...env,
    },
  });
}

async function outboxRow(eventId: string): Promise<{ published_at: Date | null } | undefined> {
  const client = new Client({ connectionString: identityDb.url });
  await client.connect();
  try {
    return (
      await client.query<{ published_at: Date | null }>('SELECT published_at FROM outbox WHERE id = $1', [
        eventId,
      ])
    ).rows[0];
  } finally {
    await client.end();
  }
}

describe('a producer that dies between commit and publish', () => {
  it('loses nothing: the next process publishes the committed event and the consumer gets it', async () => {
    const userId = newId();
    const crashing = publisherProcess('crash-after-commit', { USER_ID: userId });
    const [, eventId] = await crashing.waitFor(/committed ([0-9a-f-]{36})/, 60_000);
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // The precondition: committed, not published, nowhere in the stream.
    expect(await outboxRow(eventId)).toEqual({ published_at: null });
    const jsm = await course.get<NatsConnection>(NATS_CONNECTION).jetstreamManager();
    expect((await readStream(jsm, streams.options.streamName)).map((m) => envelopeOf(m).id)).not.toContain(
      eventId,
    );

    const next = publisherProcess('serve');
    try {
      await next.waitFor(/serving/, 60_000);
      const rows = await waitUntil(
        () =>
          course
            .get(DataSource)
            .query<Array<{ event_id: string }>>('SELECT event_id FROM side_effects WHERE aggregate_id = $1', [
              userId,
            ]),
        (found) => found.length > 0,
        { what: 'the consumer to handle the recovered event' },
      );
      expect(rows).toEqual([{ event_id: eventId }]);
      expect((await outboxRow(eventId))?.published_at).toBeInstanceOf(Date);
    } finally {
      next.process.kill('SIGTERM');
      expect(await next.exited).toEqual({ code: 0, signal: null }); // stops cleanly on SIGTERM
    }
  }, 180_000); // two Node processes start here; on a loaded CI machine that takes a while
});
