import { type EventEnvelope } from '../envelope/event-envelope';
import { type TraceContext } from '../envelope/event-headers';
import { type OutboxBacklog } from '../metrics/event-metrics';

/** An outbox event as the relay hands it to JetStream. */
export interface OutboxRecord {
  id: string;
  aggregateId: string;
  envelope: EventEnvelope;
  trace: TraceContext | null;
}

export interface SendResult {
  /** JetStream already had this Nats-Msg-Id (published before, not marked sent). */
  duplicate: boolean;
}

export type SendEvent = (record: OutboxRecord) => Promise<SendResult>;

export interface RelayBatchResult {
  /** Events claimed this round (published or not). */
  claimed: number;
  published: number;
  duplicates: number;
  failed: number;
  lastError?: string;
}

/**
 * The storage side of the relay, one implementation per database (PostgreSQL, MongoDB).
 * `relayBatch` claims unsent events no other relay holds, sends them in per-aggregate
 * order, and records which were accepted, all before it returns.
 */
export interface OutboxStore {
  relayBatch(send: SendEvent, batchSize: number): Promise<RelayBatchResult>;
  backlog(): Promise<OutboxBacklog>;
  /** Deletes sent events older than `retentionMs`; returns how many. */
  pruneSent(retentionMs: number): Promise<number>;
}

/** Tells the relay that new events were committed, so it need not wait for its next poll. */
export interface OutboxWakeups {
  start(onWake: () => void): void;
  stop(): Promise<void>;
}
