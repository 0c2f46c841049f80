import { Logger } from '@nestjs/common';
import { type Connection, type mongo } from 'mongoose';
import { type OutboxWakeups } from '../outbox/outbox-store';
import { errorMessage, exponentialBackoffMs, pause } from '../support/backoff';
import { MONGO_EVENT_COLLECTIONS, type OutboxDocument } from './mongo-event-documents';

/**
 * Wakes the relay when an outbox insert commits, through a change stream (MongoDB reports
 * only committed writes). A broken stream is reopened with backoff; the relay's poll covers
 * the gap.
 */
export class MongoOutboxWakeups implements OutboxWakeups {
  private readonly logger = new Logger(MongoOutboxWakeups.name);
  private readonly stopping = new AbortController();
  private stream: mongo.ChangeStream<OutboxDocument> | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly connection: Connection) {}

  start(onWake: () => void): void {
    this.running ??= this.watchForever(onWake);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.stream?.close().catch(() => undefined);
    await this.running;
  }

  private async watchForever(onWake: () => void): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        const db = this.connection.db;
        if (!db) throw new Error('MongoDB is not connected');
        const stream = db
          .collection<OutboxDocument>(MONGO_EVENT_COLLECTIONS.outbox)
          .watch([{ $match: { operationType: 'insert' } }], { fullDocument: 'default' });
        this.stream = stream;
        onWake(); // anything committed before the stream opened
        for await (const _change of stream) {
          attempt = 0;
          onWake();
        }
      } catch (error) {
        if (!this.stopping.signal.aborted)
          this.logger.warn(`Outbox change stream failed: ${errorMessage(error)}`);
      } finally {
        await this.stream?.close().catch(() => undefined);
        this.stream = undefined;
      }
      await pause(exponentialBackoffMs(Math.max(attempt, 1), 200, 10_000), this.stopping.signal);
    }
  }
}
