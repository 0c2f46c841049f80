import { type EventEnvelope } from '../envelope/event-envelope';
import { type TraceContext } from '../envelope/event-headers';
import { type OutboxRecord } from '../outbox/outbox-store';
import { type OutboxAggregateDocument, type OutboxDocument } from './mongo-event-documents';

/**
 * The MongoDB relay's rules, kept free of I/O so they are unit-tested without a server.
 *
 * MongoDB has no SKIP LOCKED, so relays take turns per aggregate with a lease on the
 * aggregate's counter document: a relay that wins the lease sends that aggregate's unsent
 * events in sequence order, renewing the lease before each send and stopping the moment it
 * lost it. Other relays skip leased aggregates, so event 2 never overtakes event 1. A relay
 * that dies simply lets its lease expire.
 */

export function newOutboxDocument(
  envelope: EventEnvelope,
  trace: TraceContext | null,
  sequence: number,
): OutboxDocument {
  return {
    _id: envelope.id,
    aggregateId: envelope.aggregateId,
    sequence,
    type: envelope.type,
    version: envelope.version,
    envelope,
    trace,
    createdAt: new Date(envelope.occurredAt),
    publishedAt: null,
    attempts: 0,
    lastError: null,
  };
}

/** Aggregates with unsent events, in the order of their oldest one. */
export function aggregatesInOrder(unsent: ReadonlyArray<Pick<OutboxDocument, 'aggregateId'>>): string[] {
  return [...new Set(unsent.map((doc) => doc.aggregateId))];
}

/** Matches the aggregate when nobody holds it (never leased, released, or expired) or we do. */
export function leaseAvailable(aggregateId: string, owner: string, now: Date) {
  return {
    _id: aggregateId,
    $or: [
      { leaseUntil: null },
      { leaseUntil: { $exists: false } },
      { leaseUntil: { $lt: now } },
      { leaseOwner: owner },
    ],
  };
}

export function takeLease(owner: string, now: Date, leaseMs: number) {
  return { $set: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) } };
}

/** Renewal only succeeds for the current holder whose lease has not run out. */
export function heldLease(aggregateId: string, owner: string, now: Date) {
  return { _id: aggregateId, leaseOwner: owner, leaseUntil: { $gte: now } };
}

export function releaseLease() {
  return { $set: { leaseOwner: null, leaseUntil: null } };
}

/** The same rule as the queries above, for tests and for reasoning about them. */
export function isLeaseAvailable(doc: OutboxAggregateDocument, owner: string, now: Date): boolean {
  return !doc.leaseUntil || doc.leaseUntil < now || doc.leaseOwner === owner;
}

export function toRecord(doc: OutboxDocument): OutboxRecord {
  return { id: doc._id, aggregateId: doc.aggregateId, envelope: doc.envelope, trace: doc.trace };
}
