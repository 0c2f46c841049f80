import { type EventEnvelope } from '../envelope/event-envelope';
import {
  aggregatesInOrder,
  heldLease,
  isLeaseAvailable,
  leaseAvailable,
  newOutboxDocument,
  releaseLease,
  takeLease,
  toRecord,
} from './mongo-outbox-plan';

const now = new Date('2026-01-01T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('MongoDB outbox plan', () => {
  const envelope: EventEnvelope = {
    id: '01890000-0000-7000-8000-0000000000aa',
    type: 'social.post.created',
    version: 1,
    occurredAt: now.toISOString(),
    source: 'social',
    aggregateId: 'post-1',
    correlationId: 'c',
    data: { postId: 'post-1' },
  };

  it('stores an event as an unsent outbox document keyed by its id and numbered in its aggregate', () => {
    const doc = newOutboxDocument(envelope, { traceparent: 'tp' }, 7);
    expect(doc).toEqual({
      _id: envelope.id,
      aggregateId: 'post-1',
      sequence: 7,
      type: 'social.post.created',
      version: 1,
      envelope,
      trace: { traceparent: 'tp' },
      createdAt: now,
      publishedAt: null,
      attempts: 0,
      lastError: null,
    });
    expect(toRecord(doc)).toEqual({
      id: envelope.id,
      aggregateId: 'post-1',
      envelope,
      trace: { traceparent: 'tp' },
    });
  });

  it('visits aggregates in the order of their oldest unsent event, each once', () => {
    expect(aggregatesInOrder([{ aggregateId: 'b' }, { aggregateId: 'a' }, { aggregateId: 'b' }])).toEqual([
      'b',
      'a',
    ]);
  });

  it('lets a relay take an aggregate nobody holds, or whose lease ran out, never one held by another', () => {
    expect(isLeaseAvailable({ _id: 'a', lastSequence: 1 }, 'r1', now)).toBe(true);
    expect(
      isLeaseAvailable({ _id: 'a', lastSequence: 1, leaseOwner: null, leaseUntil: null }, 'r1', now),
    ).toBe(true);
    expect(
      isLeaseAvailable({ _id: 'a', lastSequence: 1, leaseOwner: 'r2', leaseUntil: later(-1) }, 'r1', now),
    ).toBe(true);
    expect(
      isLeaseAvailable({ _id: 'a', lastSequence: 1, leaseOwner: 'r2', leaseUntil: later(5_000) }, 'r1', now),
    ).toBe(false);
    expect(
      isLeaseAvailable({ _id: 'a', lastSequence: 1, leaseOwner: 'r1', leaseUntil: later(5_000) }, 'r1', now),
    ).toBe(true);
  });

  it('expresses the same rule as MongoDB filters and updates', () => {
    expect(leaseAvailable('a', 'r1', now)).toEqual({
      _id: 'a',
      $or: [
        { leaseUntil: null },
        { leaseUntil: { $exists: false } },
        { leaseUntil: { $lt: now } },
        { leaseOwner: 'r1' },
      ],
    });
    expect(takeLease('r1', now, 30_000)).toEqual({ $set: { leaseOwner: 'r1', leaseUntil: later(30_000) } });
    expect(heldLease('a', 'r1', now)).toEqual({ _id: 'a', leaseOwner: 'r1', leaseUntil: { $gte: now } });
    expect(releaseLease()).toEqual({ $set: { leaseOwner: null, leaseUntil: null } });
  });
});
