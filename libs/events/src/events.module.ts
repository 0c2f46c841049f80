import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { NATS_CONNECTION } from '@platform/common';
import { DataSource } from 'typeorm';
import { EventHandlerDiscovery } from './consumers/event-handler-discovery';
import { DeadLetterQueue } from './dead-letters/dead-letter-queue';
import { type EventsModuleOptions, type ResolvedEventsOptions, resolveEventsOptions } from './events.options';
import { EventsRuntime } from './events.runtime';
import { EVENTS_STORAGE } from './events.storage';
import { EVENTS_JETSTREAM, EVENTS_OPTIONS } from './events.tokens';
import { type JetStreamContext, jetStreamContext } from './jetstream/jetstream-context';
import { EventPublisher } from './outbox/event-publisher';
import { postgresEventStorage } from './postgres-event-storage';

export { type EventsModuleOptions } from './events.options';

/** The options as given to forService (kept for callers that read them). */
export const EVENTS_MODULE_OPTIONS = Symbol('EVENTS_MODULE_OPTIONS');

/** Providers every flavour shares: options, JetStream, handler discovery, runtime, DLQ. */
export function eventsCoreProviders(options: EventsModuleOptions): Provider[] {
  return [
    { provide: EVENTS_MODULE_OPTIONS, useValue: options },
    { provide: EVENTS_OPTIONS, useValue: resolveEventsOptions(options) },
    { provide: EVENTS_JETSTREAM, useFactory: jetStreamContext, inject: [NATS_CONNECTION] },
    {
      provide: DeadLetterQueue,
      useFactory: (jetstream: JetStreamContext, resolved: ResolvedEventsOptions) =>
        new DeadLetterQueue(jetstream.js, jetstream.jsm, resolved.deadLetterStreamName),
      inject: [EVENTS_JETSTREAM, EVENTS_OPTIONS],
    },
    EventHandlerDiscovery,
    EventsRuntime,
  ];
}

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
      imports: [DiscoveryModule],
      providers: [
        ...eventsCoreProviders(options),
        { provide: EVENTS_STORAGE, useFactory: postgresEventStorage, inject: [DataSource] },
        EventPublisher,
      ],
      exports: [EventPublisher, EventsRuntime, DeadLetterQueue, EVENTS_OPTIONS],
    };
  }
}
