import { type mongo } from 'mongoose';
import { type EventEnvelope } from '../envelope/event-envelope';
import { type TraceContext } from '../envelope/event-headers';

/** Collections of the MongoDB flavour; each service database holds its own. */
export const MONGO_EVENT_COLLECTIONS = {
  outbox: 'outbox',
  /** Per aggregate: the last outbox sequence, and which relay holds it right now. */
  aggregates: 'outbox_aggregates',
  inbox: 'inbox',
} as const;

export interface OutboxDocument {
  /** The event id (UUIDv7), also JetStream's Nats-Msg-Id. */
  _id: string;
  aggregateId: string;
  /** 1, 2, 3… per aggregate, in commit order (the aggregate counter serialises writers). */
  sequence: number;
  type: string;
  version: number;
  envelope: EventEnvelope;
  trace: TraceContext | null;
  createdAt: Date;
  publishedAt: Date | null;
  attempts: number;
  lastError: string | null;
}

export interface OutboxAggregateDocument {
  _id: string;
  lastSequence: number;
  /** Relay holding the aggregate's unsent events, until `leaseUntil`. */
  leaseOwner?: string | null;
  leaseUntil?: Date | null;
}

export interface InboxDocument {
  _id: { consumer: string; eventId: string };
  type: string;
  processedAt: Date;
}

export const MONGO_EVENT_INDEXES: Array<{
  collection: string;
  key: mongo.IndexSpecification;
  options: mongo.CreateIndexesOptions;
}> = [
  // Unsent events oldest first, and sent events past retention.
  {
    collection: MONGO_EVENT_COLLECTIONS.outbox,
    key: { publishedAt: 1, createdAt: 1 },
    options: { name: 'idx_outbox_published_at_created_at' },
  },
  {
    collection: MONGO_EVENT_COLLECTIONS.outbox,
    key: { aggregateId: 1, sequence: 1 },
    options: { name: 'uq_outbox_aggregate_id_sequence', unique: true },
  },
  {
    collection: MONGO_EVENT_COLLECTIONS.inbox,
    key: { processedAt: 1 },
    options: { name: 'idx_inbox_processed_at' },
  },
];
