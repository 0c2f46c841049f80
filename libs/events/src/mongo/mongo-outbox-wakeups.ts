import { Logger } from '@nestjs/common';
import { type Connection, type mongo } from 'mongoose';
import { type OutboxWakeups } from '../outbox/outbox-store';
import { errorMessage, reopenForever } from '../support/backoff';
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

  private watchForever(onWake: () => void): Promise<void> {
    return reopenForever(
      this.stopping.signal,
      async (healthy) => {
        const db = this.connection.db;
        if (!db) throw new Error('MongoDB is not connected');
        const stream = db
          .collection<OutboxDocument>(MONGO_EVENT_COLLECTIONS.outbox)
          .watch([{ $match: { operationType: 'insert' } }], { fullDocument: 'default' });
        this.stream = stream;
        try {
          onWake(); // anything committed before the stream opened
          for await (const _change of stream) {
            healthy();
            onWake();
          }
        } finally {
          await stream.close().catch(() => undefined);
          this.stream = undefined;
        }
      },
      (error) => this.logger.warn(`Outbox change stream failed: ${errorMessage(error)}`),
    );
  }
}
