/**
 * A domain event as it travels on JetStream (`Nats-Msg-Id` = `id`, subject
 * `events.<type>`). `data` is the payload its catalog entry validates.
 */
export interface EventEnvelope<D = unknown> {
  /** UUIDv7; also the JetStream de-duplication id and the inbox key. */
  id: string;
  /** `<service>.<aggregate>.<event>`, e.g. `commerce.order.paid`. */
  type: string;
  /** Schema version of `data`; a breaking change is a new version. */
  version: number;
  /** ISO-8601 time of the change. */
  occurredAt: string;
  /** The producing service. */
  source: string;
  /** Id of the aggregate that changed; events of one aggregate are delivered in order. */
  aggregateId: string;
  /** The request that started the chain of work. */
  correlationId: string;
  /** The event whose handling produced this one, if any. */
  causationId?: string;
  /** The user who caused the change, if any. */
  actorId?: string;
  data: D;
}

/** The JetStream subject an event type is published on (below an optional test prefix). */
export function subjectForType(type: string, prefix = 'events'): string {
  return `${prefix}.${type}`;
}
