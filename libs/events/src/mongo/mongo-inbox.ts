import { type Connection, mongo } from 'mongoose';
import { type Inbox, type InboxOutcome } from '../consumers/inbox';
import { type EventEnvelope } from '../envelope/event-envelope';
import { type InboxDocument, MONGO_EVENT_COLLECTIONS } from './mongo-event-documents';
import { runWithMongoSession } from './mongo-session-context';

const DUPLICATE_KEY = 11000;

/** Thrown inside the transaction to abort it when the event was already handled. */
class AlreadyHandled extends Error {}

/**
 * The MongoDB twin of PostgresInbox: the inbox document `{ _id: { consumer, eventId } }`
 * is inserted first in the handler's transaction. A copy of the event handled meanwhile
 * makes the insert fail (duplicate key once committed, a write conflict while in flight,
 * which `connection.transaction` retries), and the copy is acknowledged without running
 * the handler again.
 */
export class MongoInbox implements Inbox {
  constructor(private readonly connection: Connection) {}

  async runOnce(consumer: string, envelope: EventEnvelope, work: () => Promise<void>): Promise<InboxOutcome> {
    try {
      await this.connection.transaction(async (session) => {
        try {
          await this.inbox().insertOne(
            { _id: { consumer, eventId: envelope.id }, type: envelope.type, processedAt: new Date() },
            { session },
          );
        } catch (error) {
          if (error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY)
            throw new AlreadyHandled();
          throw error;
        }
        await runWithMongoSession(session, work);
      });
      return 'handled';
    } catch (error) {
      if (error instanceof AlreadyHandled) return 'duplicate';
      throw error;
    }
  }

  async prune(retentionMs: number): Promise<number> {
    const result = await this.inbox().deleteMany({
      processedAt: { $lt: new Date(Date.now() - retentionMs) },
    });
    return result.deletedCount;
  }

  private inbox() {
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB is not connected');
    return db.collection<InboxDocument>(MONGO_EVENT_COLLECTIONS.inbox);
  }
}
