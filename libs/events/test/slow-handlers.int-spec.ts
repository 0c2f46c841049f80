import { type INestApplication, Injectable } from '@nestjs/common';
import { NATS_CONNECTION, newId } from '@platform/common';
import { type EventEnvelope, EventHandler, UserDeleted } from '@platform/events';
import {
  type TestDatabase,
  createTestDatabase,
  sampleEnvelope,
  testEventStreams,
  testServers,
  waitUntil,
} from '@platform/testing';
import { type NatsConnection } from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordSideEffect, startEventTestApp } from './fixtures/event-test-app';

const ACK_WAIT_MS = 1_500;

@Injectable()
class SlowProjection {
  @EventHandler(UserDeleted, { consumer: 'slow-projection', maxDeliveries: 2 })
  async onDeleted(event: EventEnvelope): Promise<void> {
    await sleep(ACK_WAIT_MS * 2); // longer than the ack wait
    await recordSideEffect('slow-projection', event, {});
  }
}

const streams = testEventStreams('slow');
let database: TestDatabase;
let app: INestApplication;

beforeAll(async () => {
  database = await createTestDatabase('slow_handlers');
  app = await startEventTestApp({
    service: 'course',
    databaseUrl: database.url,
    natsUrl: testServers.natsUrl(),
    events: { ...streams.options, consumers: { ackWaitMs: ACK_WAIT_MS } },
    providers: [SlowProjection],
  });
});

afterAll(async () => {
  await app?.close();
  await Promise.all([database?.drop(), streams.remove()]);
});

describe('a handler slower than the ack wait', () => {
  it('is neither redelivered nor dead-lettered, nor is the event queued behind it', async () => {
    const userId = newId();
    const nats = app.get<NatsConnection>(NATS_CONNECTION);
    const js = nats.jetstream();
    const subject = `${streams.options.subjectPrefix}.${UserDeleted.type}`;
    // Two events of one aggregate: the second waits for the first, longer than its ack wait too.
    for (let i = 0; i < 2; i += 1) {
      const envelope = sampleEnvelope(UserDeleted, { userId }, { aggregateId: userId });
      await js.publish(subject, new TextEncoder().encode(JSON.stringify(envelope)), { msgID: envelope.id });
    }
    const jsm = await nats.jetstreamManager();
    const info = await waitUntil(
      () => jsm.consumers.info(streams.options.streamName, 'course-slow-projection'),
      (i) => i.num_pending + i.num_ack_pending === 0,
      { timeoutMs: 30_000, what: 'both events acknowledged' },
    );
    expect(info.num_redelivered).toBe(0);
    expect(info.delivered.consumer_seq).toBe(2); // each delivered exactly once
    const dead = await jsm.streams.info(streams.options.deadLetterStreamName);
    expect(dead.state.messages).toBe(0);
  });
});
