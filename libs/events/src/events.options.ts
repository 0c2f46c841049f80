/**
 * Everything about the event backbone a service may tune. Production runs on the defaults
 * (stream EVENTS on `events.>`, stream DLQ on `dlq.>`); tests give each file its own
 * stream names and subject prefixes so files run in parallel on one NATS server.
 */
export interface EventsModuleOptions {
  /** JetStream stream of domain events (tests use their own). */
  streamName?: string;
  /** First token of event subjects: `<prefix>.<service>.<aggregate>.<event>`. */
  subjectPrefix?: string;
  /** Stream that parks messages no handler could take (default DLQ, or `<streamName>_DLQ`). */
  deadLetterStreamName?: string;
  /** Dead-letter subjects: `<prefix>.<service>.<consumer>` (default dlq, or `<subjectPrefix>_dlq`). */
  deadLetterSubjectPrefix?: string;
  /** Create or update the streams at start (on by default; off where an operator owns them). */
  provisionStreams?: boolean;
  /** JetStream replicas of both streams (1 on a single server, 3 in a cluster). */
  replicas?: number;
  /** How long EVENTS keeps messages: a consumer down longer than this misses events. */
  streamMaxAgeMs?: number;
  /** How long DLQ keeps messages for someone to look at and replay. */
  deadLetterMaxAgeMs?: number;
  /** JetStream de-duplication window on Nats-Msg-Id (at least 2 minutes). */
  duplicateWindowMs?: number;
  relay?: RelayOptions;
  consumers?: ConsumerOptions;
  retention?: RetentionOptions;
}

export interface RelayOptions {
  /** Run the outbox relay in this process (default true). */
  enabled?: boolean;
  /** Rows claimed per round. */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (lost connection, missed wake-up). */
  pollIntervalMs?: number;
  /** How long one JetStream publish may wait for its ack. */
  publishTimeoutMs?: number;
  /** Backoff while NATS is unreachable: grows from min to max, forever. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export interface ConsumerOptions {
  /** Run this service's @EventHandler consumers in this process (default true). */
  enabled?: boolean;
  /** Deliveries before a failing message is dead-lettered (a handler may set its own). */
  maxDeliveries?: number;
  /** Delay before redelivery after the n-th failure; the last entry repeats. */
  retryBackoffMs?: number[];
  /** Redelivery when a handler neither acks nor naks (process died); kept alive while it works. */
  ackWaitMs?: number;
  /** Messages of one consumer in flight at once across all replicas (JetStream max_ack_pending). */
  maxInFlight?: number;
  /** How long a stopping process waits for running handlers. */
  shutdownGraceMs?: number;
}

export interface RetentionOptions {
  /** Sent outbox rows are deleted after this. */
  outboxRetentionMs?: number;
  /**
   * Inbox rows are deleted after this. Keep it longer than the DLQ's max age: a replay of
   * an older message must still find the rows of the consumers that already handled it.
   */
  inboxRetentionMs?: number;
  /** How often the pruner runs. */
  pruneIntervalMs?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const EVENT_DEFAULTS = {
  streamName: 'EVENTS',
  subjectPrefix: 'events',
  deadLetterStreamName: 'DLQ',
  deadLetterSubjectPrefix: 'dlq',
} as const;

export interface ResolvedEventsOptions {
  streamName: string;
  subjectPrefix: string;
  deadLetterStreamName: string;
  deadLetterSubjectPrefix: string;
  provisionStreams: boolean;
  replicas: number;
  streamMaxAgeMs: number;
  deadLetterMaxAgeMs: number;
  duplicateWindowMs: number;
  relay: Required<RelayOptions>;
  consumers: Required<ConsumerOptions>;
  retention: Required<RetentionOptions>;
}

export function resolveEventsOptions(options: EventsModuleOptions = {}): ResolvedEventsOptions {
  const renamedStream = options.streamName !== undefined && options.streamName !== EVENT_DEFAULTS.streamName;
  const renamedSubjects =
    options.subjectPrefix !== undefined && options.subjectPrefix !== EVENT_DEFAULTS.subjectPrefix;
  const resolved: ResolvedEventsOptions = {
    streamName: options.streamName ?? EVENT_DEFAULTS.streamName,
    subjectPrefix: options.subjectPrefix ?? EVENT_DEFAULTS.subjectPrefix,
    // A renamed events stream (a test's own) gets its own DLQ, never the shared one.
    deadLetterStreamName:
      options.deadLetterStreamName ??
      (renamedStream ? `${options.streamName}_DLQ` : EVENT_DEFAULTS.deadLetterStreamName),
    deadLetterSubjectPrefix:
      options.deadLetterSubjectPrefix ??
      (renamedSubjects ? `${options.subjectPrefix}_dlq` : EVENT_DEFAULTS.deadLetterSubjectPrefix),
    provisionStreams: options.provisionStreams ?? true,
    replicas: options.replicas ?? 1,
    streamMaxAgeMs: options.streamMaxAgeMs ?? 7 * DAY,
    deadLetterMaxAgeMs: options.deadLetterMaxAgeMs ?? 30 * DAY,
    duplicateWindowMs: options.duplicateWindowMs ?? 2 * MINUTE,
    relay: {
      enabled: true,
      batchSize: 200,
      pollIntervalMs: 1_000,
      publishTimeoutMs: 5_000,
      retryMinMs: 100,
      retryMaxMs: 10_000,
      ...options.relay,
    },
    consumers: {
      enabled: true,
      maxDeliveries: 5,
      retryBackoffMs: [1_000, 5_000, 30_000, 120_000],
      ackWaitMs: 30_000,
      maxInFlight: 32,
      shutdownGraceMs: 10_000,
      ...options.consumers,
    },
    retention: {
      outboxRetentionMs: 3 * DAY,
      inboxRetentionMs: 35 * DAY,
      pruneIntervalMs: 10 * MINUTE,
      ...options.retention,
    },
  };
  validate(resolved);
  return resolved;
}

/** Misconfiguration fails at start with every problem named, not later in production. */
function validate(options: ResolvedEventsOptions): void {
  const problems: string[] = [];
  const token = /^[A-Za-z0-9_-]+$/;
  for (const key of ['streamName', 'deadLetterStreamName'] as const) {
    if (!token.test(options[key])) problems.push(`${key} "${options[key]}" must be letters, digits, - or _`);
  }
  for (const key of ['subjectPrefix', 'deadLetterSubjectPrefix'] as const) {
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(options[key])) {
      problems.push(`${key} "${options[key]}" must be dot-separated tokens without wildcards`);
    }
  }
  if (options.streamName === options.deadLetterStreamName)
    problems.push('the two streams need different names');
  const prefixes = [options.subjectPrefix, options.deadLetterSubjectPrefix];
  if (prefixes[0] === prefixes[1] || prefixes.some((p, i) => prefixes[1 - i].startsWith(`${p}.`))) {
    problems.push('subjectPrefix and deadLetterSubjectPrefix must not overlap (one stream per subject)');
  }
  if (options.duplicateWindowMs < 2 * MINUTE) problems.push('duplicateWindowMs must be at least 2 minutes');
  if (options.duplicateWindowMs > options.streamMaxAgeMs)
    problems.push('duplicateWindowMs exceeds streamMaxAgeMs');
  if (options.retention.inboxRetentionMs < options.deadLetterMaxAgeMs) {
    problems.push('inboxRetentionMs must be at least deadLetterMaxAgeMs (replays rely on inbox rows)');
  }
  const positive: Array<[string, number]> = [
    ['replicas', options.replicas],
    ['relay.batchSize', options.relay.batchSize],
    ['relay.pollIntervalMs', options.relay.pollIntervalMs],
    ['relay.publishTimeoutMs', options.relay.publishTimeoutMs],
    ['relay.retryMinMs', options.relay.retryMinMs],
    ['consumers.maxDeliveries', options.consumers.maxDeliveries],
    ['consumers.ackWaitMs', options.consumers.ackWaitMs],
    ['consumers.maxInFlight', options.consumers.maxInFlight],
    ['retention.pruneIntervalMs', options.retention.pruneIntervalMs],
  ];
  for (const [name, value] of positive) {
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a positive integer`);
  }
  if (options.relay.retryMaxMs < options.relay.retryMinMs)
    problems.push('relay.retryMaxMs < relay.retryMinMs');
  if (
    options.consumers.retryBackoffMs.length === 0 ||
    options.consumers.retryBackoffMs.some((ms) => ms < 0)
  ) {
    problems.push('consumers.retryBackoffMs needs at least one delay, none negative');
  }
  if (problems.length > 0) throw new Error(`Invalid EventsModule options: ${problems.join('; ')}`);
}
