import { runInTransaction } from '@platform/database';
import { type DataSource } from 'typeorm';
import { type OutboxBacklog } from '../metrics/event-metrics';
import { type OutboxRecord, type OutboxStore, type RelayBatchResult, type SendEvent } from './outbox-store';
import { batchResult, groupByAggregate, publishRuns } from './publish-runs';

/**
 * How replicas share the outbox without breaking per-aggregate order:
 *
 * A relay claims only the *head* of an aggregate — its oldest unsent event — with
 * `FOR UPDATE SKIP LOCKED`, and owns the whole aggregate for as long as its transaction
 * holds that lock. It then sends the aggregate's following unsent events in order, marks
 * them sent and commits. Another relay cannot take event 2 while event 1 is held: in its
 * snapshot event 2 still has an earlier unsent event, so it is not a head, and the head
 * itself is locked (skipped). Once the owner commits, events 1..n are sent and the next
 * unsent event becomes a head anyone may claim. Were the owner to die, its lock goes with
 * its connection and the events are still unsent: the next relay sends them (JetStream
 * drops a re-sent Nats-Msg-Id inside the duplicate window; inbox rows absorb the rest).
 */
const CLAIM_HEADS = `
  SELECT o.aggregate_id
  FROM outbox o
  WHERE o.published_at IS NULL
    AND NOT EXISTS (
      SELECT 1 FROM outbox earlier
      WHERE earlier.aggregate_id = o.aggregate_id
        AND earlier.published_at IS NULL
        AND earlier.sequence < o.sequence)
  ORDER BY o.sequence
  LIMIT $1
  FOR UPDATE OF o SKIP LOCKED`;

/**
 * The claimed aggregates' unsent events, the first few of each aggregate before the next
 * few, so one busy aggregate cannot starve the others within a batch. No locks needed:
 * nobody else can claim these rows while we hold their heads.
 */
const LOAD_RUNS = `
  SELECT id, aggregate_id, envelope, trace FROM (
    SELECT id, aggregate_id, envelope, trace, sequence,
           row_number() OVER (PARTITION BY aggregate_id ORDER BY sequence) AS position
    FROM outbox
    WHERE published_at IS NULL AND aggregate_id = ANY($1::varchar[])
  ) unsent
  ORDER BY position, sequence
  LIMIT $2`;

interface RecordRow {
  id: string;
  aggregate_id: string;
  envelope: OutboxRecord['envelope'];
  trace: OutboxRecord['trace'];
}

export class PostgresOutboxStore implements OutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  relayBatch(send: SendEvent, batchSize: number): Promise<RelayBatchResult> {
    return runInTransaction(
      async (manager) => {
        const heads = await manager.query<Array<{ aggregate_id: string }>>(CLAIM_HEADS, [batchSize]);
        if (heads.length === 0) return { claimed: 0, published: 0, duplicates: 0, failed: 0 };
        const rows = await manager.query<RecordRow[]>(LOAD_RUNS, [
          heads.map((h) => h.aggregate_id),
          batchSize,
        ]);
        // Rows come position by position; within one aggregate that is outbox order.
        const records = rows.map((row) => ({
          id: row.id,
          aggregateId: row.aggregate_id,
          envelope: row.envelope,
          trace: row.trace,
        }));
        const outcome = await publishRuns(groupByAggregate(records), send);
        if (outcome.sent.length > 0) {
          await manager.query(
            `UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
             WHERE id = ANY($1::uuid[])`,
            [outcome.sent],
          );
        }
        for (const failure of outcome.failures) {
          await manager.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
            failure.id,
            failure.error.slice(0, 2_000),
          ]);
        }
        return batchResult(records.length, outcome);
      },
      { dataSource: this.dataSource, maxAttempts: 1 },
    );
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.dataSource.query<Array<{ count: number; age: number }>>(
      `SELECT count(*)::int AS count,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
       FROM outbox WHERE published_at IS NULL`,
    );
    return { count: row.count, oldestAgeSeconds: row.age };
  }

  async pruneSent(retentionMs: number): Promise<number> {
    return pruneInChunks(
      this.dataSource,
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox
         WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1)
         LIMIT $2)`,
      retentionMs,
    );
  }
}

const PRUNE_CHUNK = 5_000;

/** Deletes in chunks so a large backlog of old rows never holds a long lock or transaction. */
export async function pruneInChunks(
  dataSource: DataSource,
  sql: string,
  retentionMs: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await dataSource.query<[unknown[], number]>(sql, [retentionMs / 1_000, PRUNE_CHUNK]);
    const deleted = result[1];
    total += deleted;
    if (deleted < PRUNE_CHUNK) return total;
  }
}
