import { AsyncLocalStorage } from 'node:async_hooks';
import { type mongo } from 'mongoose';

const storage = new AsyncLocalStorage<mongo.ClientSession>();

/**
 * The MongoDB session of the event handler (or other work) running now. An @EventHandler
 * of a MongoDB service passes it to its writes (`{ session: currentMongoSession() }`), so
 * they commit with the inbox entry; MongoEventPublisher picks it up by itself. (With
 * mongoose's `transactionAsyncLocalStorage` option, model calls join it automatically.)
 */
export function currentMongoSession(): mongo.ClientSession | undefined {
  return storage.getStore();
}

export function runWithMongoSession<T>(session: mongo.ClientSession, work: () => T): T {
  return storage.run(session, work);
}
