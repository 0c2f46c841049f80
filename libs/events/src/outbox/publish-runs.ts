import { errorMessage } from '../support/backoff';
import { type OutboxRecord, type RelayBatchResult, type SendEvent } from './outbox-store';

export interface RunOutcome {
  /** Ids JetStream accepted (including duplicates), in the order they were sent. */
  sent: string[];
  duplicates: number;
  /** The first event that failed in each run; the rest of that run was not attempted. */
  failures: Array<{ id: string; error: string }>;
}

/** Groups claimed records by aggregate, keeping each group in the order given (outbox order). */
export function groupByAggregate(records: readonly OutboxRecord[]): OutboxRecord[][] {
  const runs = new Map<string, OutboxRecord[]>();
  for (const record of records) {
    const run = runs.get(record.aggregateId);
    if (run) run.push(record);
    else runs.set(record.aggregateId, [record]);
  }
  return [...runs.values()];
}

/**
 * Publishes each aggregate's run one event at a time, awaiting the ack before the next,
 * and different aggregates concurrently. A failure stops its run: publishing event 3 after
 * event 2 failed would put them in the stream out of order.
 */
export async function publishRuns(runs: readonly OutboxRecord[][], send: SendEvent): Promise<RunOutcome> {
  const outcome: RunOutcome = { sent: [], duplicates: 0, failures: [] };
  await Promise.all(
    runs.map(async (run) => {
      for (const record of run) {
        try {
          const result = await send(record);
          outcome.sent.push(record.id);
          if (result.duplicate) outcome.duplicates += 1;
        } catch (error) {
          outcome.failures.push({ id: record.id, error: errorMessage(error) });
          return;
        }
      }
    }),
  );
  return outcome;
}

export function batchResult(claimed: number, outcome: RunOutcome): RelayBatchResult {
  return {
    claimed,
    published: outcome.sent.length - outcome.duplicates,
    duplicates: outcome.duplicates,
    failed: outcome.failures.length,
    ...(outcome.failures.length > 0 ? { lastError: outcome.failures[0].error } : {}),
  };
}
