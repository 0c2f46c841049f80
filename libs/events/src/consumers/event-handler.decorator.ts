import { SetMetadata } from '@nestjs/common';
import { type EventDefinition } from '../catalog/define-event';

export const EVENT_HANDLER_METADATA = 'platform:event-handler';

export interface EventHandlerOptions {
  /**
   * Stable name of this handler within its service; with the service name it names the
   * durable JetStream consumer and the inbox rows. Renaming it starts a new consumer.
   */
  consumer: string;
  /** Deliveries before the message is dead-lettered (default from EventsModule). */
  maxDeliveries?: number;
  /**
   * Messages of this consumer in flight at once across all replicas (default from
   * EventsModule). 1 gives strict stream order, a failing event holding back the next.
   */
  maxInFlight?: number;
  /**
   * Where a consumer created for the first time starts: `all` (default) replays what the
   * stream still holds, so a new projection fills itself; `new` only takes events published
   * from now on (e.g. a new e-mail notification must not mail last week's events).
   */
  startFrom?: 'all' | 'new';
}

export interface EventHandlerMetadata {
  definition: EventDefinition;
  options: EventHandlerOptions;
}

/**
 * Marks a provider method as the handler of one event type. It receives the validated
 * envelope, runs inside a transaction together with the inbox row (so a redelivery is a
 * no-op), and the message is acknowledged only after that transaction commits.
 */
export function EventHandler(definition: EventDefinition, options: EventHandlerOptions): MethodDecorator {
  if (!/^[a-z][a-z0-9-]*$/.test(options.consumer)) {
    throw new Error(
      `Consumer name "${options.consumer}" must be kebab-case (it names a durable JetStream consumer)`,
    );
  }
  for (const [name, value] of [
    ['maxDeliveries', options.maxDeliveries],
    ['maxInFlight', options.maxInFlight],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new Error(`@EventHandler ${options.consumer}: ${name} must be a positive integer`);
    }
  }
  return SetMetadata(EVENT_HANDLER_METADATA, { definition, options } satisfies EventHandlerMetadata);
}
