import { type DataSource } from 'typeorm';
import { PostgresInbox } from './consumers/postgres-inbox';
import { type EventStorage } from './events.storage';
import { PostgresOutboxStore } from './outbox/postgres-outbox-store';
import { PostgresOutboxWakeups } from './outbox/postgres-outbox-wakeups';

/** The outbox and inbox tables of a PostgreSQL service (see CreateEventTables). */
export function postgresEventStorage(dataSource: DataSource): EventStorage {
  const outbox = new PostgresOutboxStore(dataSource);
  const inbox = new PostgresInbox(dataSource);
  return {
    outbox,
    inbox,
    createWakeups: () => new PostgresOutboxWakeups(dataSource),
    retentionTasks: ({ outboxRetentionMs, inboxRetentionMs }) => [
      { name: 'sent outbox rows', run: () => outbox.pruneSent(outboxRetentionMs) },
      { name: 'inbox rows', run: () => inbox.prune(inboxRetentionMs) },
    ],
  };
}
