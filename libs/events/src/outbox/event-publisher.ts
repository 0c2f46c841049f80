import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_NAME } from '@platform/common';
import { currentTransaction } from '@platform/database';
import { DataSource } from 'typeorm';
import { type EventData, type EventDefinition } from '../catalog/define-event';
import { type PublishInput, buildEnvelope, currentTrace } from '../envelope/build-envelope';
import { type EventEnvelope } from '../envelope/event-envelope';

export { type PublishInput } from '../envelope/build-envelope';

/** NOTIFY channel that wakes the relay as soon as a transaction with new events commits. */
export const OUTBOX_CHANNEL = 'outbox_events';

/**
 * Records a domain event in the service's outbox, in the caller's transaction: the event
 * exists if and only if the change it describes was committed. The relay publishes it to
 * JetStream afterwards; request handlers never publish to the broker themselves.
 *
 * Publish after the write that locks the aggregate (the UPDATE of its row): the outbox
 * sequence then follows the order in which the aggregate's changes commit.
 */
@Injectable()
export class EventPublisher {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  async publish<E extends EventDefinition>(
    definition: E,
    input: PublishInput<EventData<E>>,
  ): Promise<EventEnvelope<EventData<E>>> {
    const transaction = currentTransaction(this.dataSource);
    if (!transaction) {
      throw new Error(
        `publish(${definition.type}) must run inside a transaction (runInTransaction or @Transactional), ` +
          'or the event could be recorded without its change, or the change without its event',
      );
    }
    const envelope = buildEnvelope(this.service, definition, input);
    // One statement: the row and the wake-up call, which PostgreSQL delivers only at commit.
    await transaction.queryRunner.query(
      `WITH inserted AS (
         INSERT INTO outbox (id, type, version, aggregate_id, envelope, trace) VALUES ($1, $2, $3, $4, $5, $6)
       ) SELECT pg_notify($7, $8)`,
      [
        envelope.id,
        envelope.type,
        envelope.version,
        envelope.aggregateId,
        envelope,
        currentTrace(),
        OUTBOX_CHANNEL,
        this.service,
      ],
    );
    return envelope;
  }
}
