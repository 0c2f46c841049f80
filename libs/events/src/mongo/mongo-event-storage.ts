import { type Connection } from 'mongoose';
import { type EventStorage } from '../events.storage';
import { MONGO_EVENT_INDEXES } from './mongo-event-documents';
import { MongoInbox } from './mongo-inbox';
import { MongoOutboxStore } from './mongo-outbox-store';
import { MongoOutboxWakeups } from './mongo-outbox-wakeups';

/** Creates the event collections' indexes (idempotent) and the MongoDB outbox and inbox. */
export async function mongoEventStorage(connection: Connection): Promise<EventStorage> {
  await connection.asPromise();
  const db = connection.db;
  if (!db) throw new Error('MongoDB is not connected');
  for (const index of MONGO_EVENT_INDEXES)
    await db.collection(index.collection).createIndex(index.key, index.options);
  const outbox = new MongoOutboxStore(connection);
  const inbox = new MongoInbox(connection);
  return {
    outbox,
    inbox,
    createWakeups: () => new MongoOutboxWakeups(connection),
    retentionTasks: ({ outboxRetentionMs, inboxRetentionMs }) => [
      { name: 'sent outbox documents', run: () => outbox.pruneSent(outboxRetentionMs) },
      { name: 'inbox documents', run: () => inbox.prune(inboxRetentionMs) },
    ],
  };
}
