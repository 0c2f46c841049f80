import { runInTransaction } from '@platform/database';
import { type DataSource } from 'typeorm';
import { type EventEnvelope } from '../envelope/event-envelope';
import { pruneInChunks } from '../outbox/postgres-outbox-store';
import { type Inbox, type InboxOutcome } from './inbox';

/**
 * The inbox row is inserted first in the handler's transaction. A second delivery of the
 * same event — a redelivery, or a concurrent copy on another replica — either finds the
 * committed row (ON CONFLICT DO NOTHING inserts nothing) or waits on the first one's
 * uncommitted row and then finds it; if the first rolls back, the second goes ahead.
 * So the handler's effects are applied exactly once, whatever the delivery count.
 */
export class PostgresInbox implements Inbox {
  constructor(private readonly dataSource: DataSource) {}

  runOnce(consumer: string, envelope: EventEnvelope, work: () => Promise<void>): Promise<InboxOutcome> {
    return runInTransaction(
      async (manager) => {
        const inserted = await manager.query<unknown[]>(
          `INSERT INTO inbox (consumer, event_id, type) VALUES ($1, $2, $3)
           ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
          [consumer, envelope.id, envelope.type],
        );
        if (inserted.length === 0) return 'duplicate';
        await work();
        return 'handled';
      },
      { dataSource: this.dataSource },
    );
  }

  prune(retentionMs: number): Promise<number> {
    return pruneInChunks(
      this.dataSource,
      `DELETE FROM inbox WHERE (consumer, event_id) IN (
         SELECT consumer, event_id FROM inbox WHERE processed_at < now() - make_interval(secs => $1) LIMIT $2)`,
      retentionMs,
    );
  }
}
