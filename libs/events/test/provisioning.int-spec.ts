import {
  JetStreamConfigConflict,
  ensureDurableConsumer,
  ensureStream,
  eventStreamSpecs,
  resolveEventsOptions,
} from '@platform/events';
import { testEventStreams, testServers } from '@platform/testing';
import { type NatsConnection, RetentionPolicy, StorageType, nanos } from 'nats';
import { connectNats } from './fixtures/relay-harness';

const streams = testEventStreams('prov');
let nats: NatsConnection;

beforeAll(async () => {
  nats = await connectNats(testServers.natsUrl(), 'provisioning-test');
});

afterAll(async () => {
  await nats?.close();
  await streams.remove();
});

describe('JetStream provisioning', () => {
  it('creates EVENTS and DLQ as the contract says, idempotently, even when replicas race', async () => {
    const jsm = await nats.jetstreamManager();
    const specs = eventStreamSpecs(resolveEventsOptions(streams.options));
    // Four "service replicas" starting at once.
    await Promise.all([1, 2, 3, 4].map(() => Promise.all(specs.map((spec) => ensureStream(jsm, spec)))));

    const events = await jsm.streams.info(streams.options.streamName);
    expect(events.config).toMatchObject({
      subjects: [`${streams.options.subjectPrefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(120_000),
    });
    const dlq = await jsm.streams.info(streams.options.deadLetterStreamName);
    expect(dlq.config.subjects).toEqual([`${streams.options.deadLetterSubjectPrefix}.>`]);
    expect(dlq.config.storage).toBe(StorageType.File);
  });

  it('brings an existing stream to the configured limits', async () => {
    const jsm = await nats.jetstreamManager();
    const options = resolveEventsOptions({ ...streams.options, duplicateWindowMs: 5 * 60_000 });
    await ensureStream(jsm, eventStreamSpecs(options)[0]);
    expect((await jsm.streams.info(streams.options.streamName)).config.duplicate_window).toBe(nanos(300_000));
  });

  it('refuses to reuse a stream with the wrong storage instead of recreating it', async () => {
    const jsm = await nats.jetstreamManager();
    const name = `${streams.options.streamName}_MEM`;
    await jsm.streams.add({
      name,
      subjects: [`${streams.options.subjectPrefix}_mem.>`],
      storage: StorageType.Memory,
    });
    try {
      await expect(
        ensureStream(jsm, {
          ...eventStreamSpecs(resolveEventsOptions(streams.options))[0],
          name,
          subjects: [`${streams.options.subjectPrefix}_mem.>`],
        }),
      ).rejects.toThrow(JetStreamConfigConflict);
    } finally {
      await jsm.streams.delete(name);
    }
  });

  it('creates a durable consumer, updates what may change, and rejects a new filter', async () => {
    const jsm = await nats.jetstreamManager();
    const spec = {
      stream: streams.options.streamName,
      durable: 'course-provisioning',
      filterSubject: `${streams.options.subjectPrefix}.identity.user.registered`,
      description: 'test',
      ackWaitMs: 30_000,
      maxAckPending: 8,
      startFrom: 'all' as const,
    };
    await Promise.all([ensureDurableConsumer(jsm, spec), ensureDurableConsumer(jsm, spec)]);
    const updated = await ensureDurableConsumer(jsm, { ...spec, ackWaitMs: 10_000, maxAckPending: 1 });
    expect(updated.config).toMatchObject({
      durable_name: 'course-provisioning',
      ack_policy: 'explicit',
      max_deliver: -1,
      ack_wait: nanos(10_000),
      max_ack_pending: 1,
    });
    await expect(
      ensureDurableConsumer(jsm, {
        ...spec,
        filterSubject: `${streams.options.subjectPrefix}.identity.user.deleted`,
      }),
    ).rejects.toThrow(/filter cannot change/);
  });
});
