import { type DynamicModule, Module } from '@nestjs/common';
import { EventPublisher } from './outbox/event-publisher';

export interface EventsModuleOptions {
  /** JetStream stream of domain events (tests use their own). */
  streamName?: string;
  /** First token of event subjects: `<prefix>.<service>.<aggregate>.<event>`. */
  subjectPrefix?: string;
  /** Stream that parks messages no handler could take. */
  deadLetterStreamName?: string;
}

export const EVENTS_MODULE_OPTIONS = Symbol('EVENTS_MODULE_OPTIONS');

/**
 * A PostgreSQL service's events: `EventPublisher` (outbox), the relay that publishes the
 * outbox to JetStream, and the durable consumers of its @EventHandler() methods.
 * Needs PlatformModule, DatabaseModule and NatsModule.
 */
@Module({})
export class EventsModule {
  static forService(options: EventsModuleOptions = {}): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      providers: [{ provide: EVENTS_MODULE_OPTIONS, useValue: options }, EventPublisher],
      exports: [EventPublisher],
    };
  }
}
