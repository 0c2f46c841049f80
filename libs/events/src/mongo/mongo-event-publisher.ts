import { Inject, Injectable } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { SERVICE_NAME } from '@platform/common';
import { type Connection, type mongo } from 'mongoose';
import { type EventData, type EventDefinition } from '../catalog/define-event';
import { type PublishInput, buildEnvelope, currentTrace } from '../envelope/build-envelope';
import { type EventEnvelope } from '../envelope/event-envelope';
import {
  MONGO_EVENT_COLLECTIONS,
  type OutboxAggregateDocument,
  type OutboxDocument,
} from './mongo-event-documents';
import { newOutboxDocument } from './mongo-outbox-plan';
import { currentMongoSession } from './mongo-session-context';

export interface MongoPublishOptions {
  /** The transaction's session; defaults to the handler's (currentMongoSession) or mongoose's. */
  session?: mongo.ClientSession;
}

/**
 * The MongoDB twin of EventPublisher: writes the event to the `outbox` collection in the
 * caller's transaction, so it exists if and only if the change does. Incrementing the
 * aggregate's counter in the same transaction numbers its events and makes two concurrent
 * transactions on one aggregate conflict (one retries), so numbers follow commit order.
 */
@Injectable()
export class MongoEventPublisher {
  constructor(
    @Inject(getConnectionToken()) private readonly connection: Connection,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  async publish<E extends EventDefinition>(
    definition: E,
    input: PublishInput<EventData<E>>,
    options: MongoPublishOptions = {},
  ): Promise<EventEnvelope<EventData<E>>> {
    const session = options.session ?? currentMongoSession() ?? this.mongooseSession();
    if (!session?.inTransaction()) {
      throw new Error(
        `publish(${definition.type}) must run inside a MongoDB transaction (connection.transaction), ` +
          'or the event could be recorded without its change, or the change without its event',
      );
    }
    const envelope = buildEnvelope(this.service, definition, input);
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB is not connected');
    const counter = await db
      .collection<OutboxAggregateDocument>(MONGO_EVENT_COLLECTIONS.aggregates)
      .findOneAndUpdate(
        { _id: envelope.aggregateId },
        { $inc: { lastSequence: 1 } },
        { upsert: true, returnDocument: 'after', session },
      );
    if (!counter) throw new Error(`Could not number the events of ${envelope.aggregateId}`);
    await db
      .collection<OutboxDocument>(MONGO_EVENT_COLLECTIONS.outbox)
      .insertOne(newOutboxDocument(envelope, currentTrace(), counter.lastSequence), { session });
    return envelope;
  }

  /** The session of `connection.transaction()` when mongoose's transactionAsyncLocalStorage is on. */
  private mongooseSession(): mongo.ClientSession | undefined {
    const storage = (
      this.connection.base as {
        transactionAsyncLocalStorage?: { getStore(): { session?: mongo.ClientSession } | undefined };
      }
    ).transactionAsyncLocalStorage;
    return storage?.getStore()?.session;
  }
}
