import { RequestContext, newId } from '@platform/common';
import { type EventData, type EventDefinition } from '../catalog/define-event';
import { type EventEnvelope } from './event-envelope';
import { type TraceContext } from './event-headers';

export interface PublishInput<D> {
  aggregateId: string;
  data: D;
  occurredAt?: Date;
}

/**
 * The envelope of a new event, shared by the PostgreSQL and MongoDB publishers: checks the
 * service owns the type, validates the payload, and takes correlation, causation and actor
 * from the request (or event) being handled.
 */
export function buildEnvelope<E extends EventDefinition>(
  service: string,
  definition: E,
  input: PublishInput<EventData<E>>,
): EventEnvelope<EventData<E>> {
  if (definition.source !== service) {
    throw new Error(
      `The ${service} service cannot publish ${definition.type}: events belong to their source`,
    );
  }
  if (
    typeof input.aggregateId !== 'string' ||
    input.aggregateId.length === 0 ||
    input.aggregateId.length > 100
  ) {
    throw new Error(`publish(${definition.type}) needs an aggregateId of 1 to 100 characters`);
  }
  const context = RequestContext.current();
  return {
    id: newId(),
    type: definition.type,
    version: definition.version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    source: service,
    aggregateId: input.aggregateId,
    correlationId: context?.correlationId ?? newId(),
    ...(context?.causationId ? { causationId: context.causationId } : {}),
    ...(context?.userId ? { actorId: context.userId } : {}),
    data: definition.schema.parse(input.data) as EventData<E>,
  };
}

/** The trace context to carry with the event, or null when the work has none. */
export function currentTrace(): TraceContext | null {
  const context = RequestContext.current();
  if (!context?.traceparent) return null;
  return context.tracestate
    ? { traceparent: context.traceparent, tracestate: context.tracestate }
    : { traceparent: context.traceparent };
}
