import { counter, gauge, histogram } from '@platform/common';

/** Counters and latencies of the event backbone; the service name is a default label. */
export const eventMetrics = {
  published: counter('events_published_total', 'Events accepted by JetStream from the outbox', ['type']),
  publishDuplicates: counter(
    'events_publish_duplicates_total',
    'Outbox events JetStream already had (republished after a crash between publish and mark-sent)',
    ['type'],
  ),
  publishFailures: counter('events_publish_failures_total', 'Outbox publish attempts that failed'),
  consumed: counter('events_consumed_total', 'Deliveries a consumer finished', [
    'consumer',
    'type',
    'outcome',
  ]),
  redelivered: counter('events_redelivered_total', 'Deliveries that were not the first of their message', [
    'consumer',
  ]),
  handlerFailures: counter('events_handler_failures_total', 'Handler runs that threw (and were retried)', [
    'consumer',
  ]),
  deadLettered: counter('events_dead_lettered_total', 'Messages parked in the DLQ', ['consumer', 'reason']),
  handlerLatency: histogram('events_handler_duration_seconds', 'Handler and inbox transaction time', [
    'consumer',
    'outcome',
  ]),
};

export interface OutboxBacklog {
  /** Unsent events. */
  count: number;
  /** Seconds since the oldest unsent event was written; 0 when none. */
  oldestAgeSeconds: number;
}

/** What the backlog gauges read at scrape time: the outboxes of relays running in this process. */
const backlogSources = new Set<() => Promise<OutboxBacklog>>();

export function registerBacklogSource(source: () => Promise<OutboxBacklog>): () => void {
  backlogSources.add(source);
  return () => backlogSources.delete(source);
}

async function readBacklog(): Promise<OutboxBacklog | undefined> {
  const [source] = backlogSources; // one outbox per service process
  if (!source) return undefined;
  try {
    return await source();
  } catch {
    return undefined; // database down: the postgres readiness check says so; keep the last values
  }
}

gauge('events_outbox_backlog', 'Outbox events not yet accepted by JetStream', [], async function collect() {
  const backlog = await readBacklog();
  if (backlog) this.set(backlog.count);
});

gauge(
  'events_outbox_oldest_unsent_age_seconds',
  'Age of the oldest outbox event not yet accepted by JetStream',
  [],
  async function collect() {
    const backlog = await readBacklog();
    if (backlog) this.set(backlog.oldestAgeSeconds);
  },
);
