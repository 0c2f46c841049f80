import { newId } from '@platform/common';
import { type Connection } from 'mongoose';
import { type OutboxBacklog } from '../metrics/event-metrics';
import { type OutboxStore, type RelayBatchResult, type SendEvent } from '../outbox/outbox-store';
import { type RunOutcome, batchResult, publishRuns } from '../outbox/publish-runs';
import {
  MONGO_EVENT_COLLECTIONS,
  type OutboxAggregateDocument,
  type OutboxDocument,
} from './mongo-event-documents';
import {
  aggregatesInOrder,
  heldLease,
  leaseAvailable,
  releaseLease,
  takeLease,
  toRecord,
} from './mongo-outbox-plan';

/** The MongoDB outbox as the relay sees it; the turn-taking rules are in mongo-outbox-plan.ts. */
export class MongoOutboxStore implements OutboxStore {
  /** This relay's identity in leases. */
  private readonly owner = `relay-${newId()}`;

  constructor(
    private readonly connection: Connection,
    private readonly leaseMs = 30_000,
  ) {}

  async relayBatch(send: SendEvent, batchSize: number): Promise<RelayBatchResult> {
    const unsent = await this.outbox()
      .find(
        { publishedAt: null },
        { projection: { aggregateId: 1 }, sort: { createdAt: 1 }, limit: batchSize },
      )
      .toArray();
    const outcomes = await Promise.all(
      aggregatesInOrder(unsent).map((aggregateId) => this.relayAggregate(aggregateId, send, batchSize)),
    );
    const merged: RunOutcome = { sent: [], duplicates: 0, failures: [] };
    let claimed = 0;
    for (const outcome of outcomes) {
      if (!outcome) continue;
      claimed += outcome.claimed;
      merged.sent.push(...outcome.sent);
      merged.duplicates += outcome.duplicates;
      merged.failures.push(...outcome.failures);
    }
    return batchResult(claimed, merged);
  }

  async backlog(): Promise<OutboxBacklog> {
    const outbox = this.outbox();
    const [count, oldest] = await Promise.all([
      outbox.countDocuments({ publishedAt: null }),
      outbox.findOne({ publishedAt: null }, { sort: { createdAt: 1 }, projection: { createdAt: 1 } }),
    ]);
    return { count, oldestAgeSeconds: oldest ? (Date.now() - oldest.createdAt.getTime()) / 1_000 : 0 };
  }

  async pruneSent(retentionMs: number): Promise<number> {
    const cutoff = new Date(Date.now() - retentionMs);
    const result = await this.outbox().deleteMany({ publishedAt: { $ne: null, $lt: cutoff } });
    return result.deletedCount;
  }

  /** Sends one aggregate's unsent events under its lease; undefined when another relay holds it. */
  private async relayAggregate(
    aggregateId: string,
    send: SendEvent,
    limit: number,
  ): Promise<(RunOutcome & { claimed: number }) | undefined> {
    const aggregates = this.aggregates();
    const leased = await aggregates.findOneAndUpdate(
      leaseAvailable(aggregateId, this.owner, new Date()),
      takeLease(this.owner, new Date(), this.leaseMs),
    );
    if (!leased) return undefined;
    try {
      const docs = await this.outbox()
        .find({ aggregateId, publishedAt: null }, { sort: { sequence: 1 }, limit })
        .toArray();
      const outbox = this.outbox();
      const renewThenSend: SendEvent = async (record) => {
        const renewed = await aggregates.updateOne(
          heldLease(aggregateId, this.owner, new Date()),
          takeLease(this.owner, new Date(), this.leaseMs),
        );
        if (renewed.matchedCount === 0)
          throw new Error(`Lost the lease on ${aggregateId}; another relay goes on`);
        const result = await send(record);
        await outbox.updateOne(
          { _id: record.id },
          { $set: { publishedAt: new Date(), lastError: null }, $inc: { attempts: 1 } },
        );
        return result;
      };
      const outcome = await publishRuns([docs.map(toRecord)], renewThenSend);
      for (const failure of outcome.failures) {
        await outbox.updateOne(
          { _id: failure.id },
          { $set: { lastError: failure.error.slice(0, 2_000) }, $inc: { attempts: 1 } },
        );
      }
      return { ...outcome, claimed: docs.length };
    } finally {
      await aggregates.updateOne({ _id: aggregateId, leaseOwner: this.owner }, releaseLease());
    }
  }

  private outbox() {
    return this.db().collection<OutboxDocument>(MONGO_EVENT_COLLECTIONS.outbox);
  }

  private aggregates() {
    return this.db().collection<OutboxAggregateDocument>(MONGO_EVENT_COLLECTIONS.aggregates);
  }

  private db() {
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB is not connected');
    return db;
  }
}
