import { type INestApplication, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectConnection, MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import { NATS_CONNECTION, NatsModule, PlatformModule, createHttpAdapter, newId } from '@platform/common';
import {
  type EventData,
  type EventEnvelope,
  EventHandler,
  EventsRuntime,
  MONGO_EVENT_COLLECTIONS,
  MongoEventPublisher,
  MongoEventsModule,
  MongoInbox,
  MongoOutboxStore,
  UserRegistered,
  currentMongoSession,
  jetStreamSender,
  resolveEventsOptions,
} from '@platform/events';
import {
  describeWithMongo,
  registeredUser,
  sampleEnvelope,
  testEventStreams,
  testServers,
  uniqueTestToken,
  waitUntil,
} from '@platform/testing';
import { type Connection } from 'mongoose';
import { type NatsConnection } from 'nats';
import { envelopeOf, readStream } from './fixtures/stream-reader';

type Registered = EventEnvelope<EventData<typeof UserRegistered>>;

@Injectable()
class MongoProjection {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  @EventHandler(UserRegistered, { consumer: 'project-users' })
  async onRegistered(event: Registered): Promise<void> {
    const session = currentMongoSession();
    if (!session) throw new Error('handler runs without the inbox transaction');
    await this.connection
      .db!.collection('projected_users')
      .insertOne({ eventId: event.id, name: event.data.name }, { session });
  }
}

const profile = (userId: string) => registeredUser(userId);

describeWithMongo('MongoDB flavour of the event backbone', (mongoUrl) => {
  const streams = testEventStreams('mongo');
  const dbName = `test_${uniqueTestToken('mongoevents')}`;
  let app: INestApplication;
  let connection: Connection;
  let nats: NatsConnection;

  beforeAll(async () => {
    @Module({
      imports: [
        PlatformModule.forRoot({ service: 'identity', logLevel: 'silent' }),
        MongooseModule.forRoot(mongoUrl, { dbName }),
        NatsModule.forRoot({ url: testServers.natsUrl(), name: 'mongo-events-test' }),
        MongoEventsModule.forService({ ...streams.options, relay: { pollIntervalMs: 200 } }),
      ],
      providers: [MongoProjection],
    })
    class MongoEventsTestModule {}
    app = await NestFactory.create(MongoEventsTestModule, createHttpAdapter(), { logger: false });
    connection = app.get<Connection>(getConnectionToken());
    await app.init();
    nats = app.get<NatsConnection>(NATS_CONNECTION);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await app?.close();
    await streams.remove();
  });

  const publishInTransaction = (userId: string) =>
    connection.transaction((session) =>
      app
        .get(MongoEventPublisher)
        .publish(UserRegistered, { aggregateId: userId, data: profile(userId) }, { session }),
    );

  it('publishes an event committed with its transaction; the consumer applies it once with its inbox entry', async () => {
    const userId = newId();
    const event = await publishInTransaction(userId);
    const projected = await waitUntil(
      () => connection.db!.collection('projected_users').find({ eventId: event.id }).toArray(),
      (docs) => docs.length > 0,
    );
    expect(projected).toHaveLength(1);
    const inbox = await connection
      .db!.collection(MONGO_EVENT_COLLECTIONS.inbox)
      .findOne({ _id: { consumer: 'identity-project-users', eventId: event.id } } as never);
    expect(inbox).not.toBeNull();
    const outbox = await connection
      .db!.collection(MONGO_EVENT_COLLECTIONS.outbox)
      .findOne({ _id: event.id } as never);
    expect(outbox?.publishedAt).toBeInstanceOf(Date);
  });

  it('refuses to publish outside a transaction, and records nothing for a rolled-back one', async () => {
    const userId = newId();
    await expect(
      app.get(MongoEventPublisher).publish(UserRegistered, { aggregateId: userId, data: profile(userId) }),
    ).rejects.toThrow(/inside a MongoDB transaction/);
    await expect(
      connection.transaction(async (session) => {
        await app
          .get(MongoEventPublisher)
          .publish(UserRegistered, { aggregateId: userId, data: profile(userId) }, { session });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(
      await connection.db!.collection(MONGO_EVENT_COLLECTIONS.outbox).countDocuments({ aggregateId: userId }),
    ).toBe(0);
  });

  it('two relays keep per-aggregate order and send each event once', async () => {
    await app.get(EventsRuntime).relay?.stop(); // only the two relays below
    const userIds = Array.from({ length: 10 }, () => newId());
    for (let round = 0; round < 10; round += 1) {
      for (const userId of userIds) await publishInTransaction(userId);
    }
    const options = resolveEventsOptions(streams.options);
    const send = jetStreamSender(nats.jetstream(), { ...options, publishTimeoutMs: 5_000 });
    const relays = [new MongoOutboxStore(connection), new MongoOutboxStore(connection)];
    const unsent = () =>
      connection.db!.collection(MONGO_EVENT_COLLECTIONS.outbox).countDocuments({ publishedAt: null });
    while ((await unsent()) > 0) await Promise.all(relays.map((relay) => relay.relayBatch(send, 20)));

    const envelopes = (await readStream(await nats.jetstreamManager(), streams.options.streamName)).map(
      envelopeOf,
    );
    for (const userId of userIds) {
      const ofUser = envelopes.filter((e) => e.aggregateId === userId).map((e) => e.id);
      expect(ofUser).toHaveLength(10);
      expect(new Set(ofUser).size).toBe(10);
      expect(ofUser).toEqual([...ofUser].sort()); // UUIDv7 ids grow with time: stream order = publish order
    }
  });

  it('the inbox lets one of two concurrent deliveries through', async () => {
    const inbox = new MongoInbox(connection);
    const userId = newId();
    const envelope = sampleEnvelope(UserRegistered, profile(userId), { aggregateId: userId });
    let runs = 0;
    const work = async (): Promise<void> => {
      runs += 1;
      await connection
        .db!.collection('side_effects')
        .insertOne({ eventId: envelope.id }, { session: currentMongoSession() });
    };
    const outcomes = await Promise.all([
      inbox.runOnce('c', envelope, work),
      inbox.runOnce('c', envelope, work),
    ]);
    expect(outcomes.sort()).toEqual(['duplicate', 'handled']);
    expect(await connection.db!.collection('side_effects').countDocuments({ eventId: envelope.id })).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(1); // a write conflict may run (and roll back) the work once more
  });
});
