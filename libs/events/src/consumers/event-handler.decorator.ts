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
  return SetMetadata(EVENT_HANDLER_METADATA, { definition, options } satisfies EventHandlerMetadata);
}
