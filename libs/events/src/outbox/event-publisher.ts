import { Inject, Injectable } from '@nestjs/common';
import { RequestContext, SERVICE_NAME, newId } from '@platform/common';
import { currentTransaction } from '@platform/database';
import { DataSource } from 'typeorm';
import { type EventData, type EventDefinition } from '../catalog/define-event';
import { type EventEnvelope } from '../envelope/event-envelope';

/** NOTIFY channel that wakes the relay as soon as a transaction with new events commits. */
export const OUTBOX_CHANNEL = 'outbox_events';

export interface PublishInput<D> {
  aggregateId: string;
  data: D;
  occurredAt?: Date;
}

/**
 * Records a domain event in the service's outbox, in the caller's transaction: the event
 * exists if and only if the change it describes was committed. The relay publishes it to
 * JetStream afterwards; request handlers never publish to the broker themselves.
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
    if (definition.source !== this.service) {
      throw new Error(
        `The ${this.service} service cannot publish ${definition.type}: events belong to their source`,
      );
    }
    const transaction = currentTransaction(this.dataSource);
    if (!transaction) {
      throw new Error(
        `publish(${definition.type}) must run inside a transaction (runInTransaction or @Transactional), ` +
          'or the event could be recorded without its change, or the change without its event',
      );
    }
    const context = RequestContext.current();
    const envelope: EventEnvelope<EventData<E>> = {
      id: newId(),
      type: definition.type,
      version: definition.version,
      occurredAt: (input.occurredAt ?? new Date()).toISOString(),
      source: this.service,
      aggregateId: input.aggregateId,
      correlationId: context?.correlationId ?? newId(),
      ...(context?.causationId ? { causationId: context.causationId } : {}),
      ...(context?.userId ? { actorId: context.userId } : {}),
      data: definition.schema.parse(input.data) as EventData<E>,
    };
    // One statement: the row and the wake-up call, which PostgreSQL delivers only at commit.
    await transaction.queryRunner.query(
      `WITH inserted AS (
         INSERT INTO outbox (id, type, version, aggregate_id, envelope) VALUES ($1, $2, $3, $4, $5)
       ) SELECT pg_notify($6, $7)`,
      [
        envelope.id,
        envelope.type,
        envelope.version,
        envelope.aggregateId,
        envelope,
        OUTBOX_CHANNEL,
        this.service,
      ],
    );
    return envelope;
  }
}
