import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import { DeadLetterQueue } from '../dead-letters/dead-letter-queue';
import { eventsCoreProviders } from '../events.module';
import { type EventsModuleOptions } from '../events.options';
import { EventsRuntime } from '../events.runtime';
import { EVENTS_STORAGE } from '../events.storage';
import { EVENTS_OPTIONS } from '../events.tokens';
import { mongoEventStorage } from './mongo-event-storage';
import { MongoEventPublisher } from './mongo-event-publisher';

/**
 * A MongoDB service's events (social): `MongoEventPublisher`, the relay over the `outbox`
 * collection, and durable consumers whose inbox is the `inbox` collection — the same
 * contract as EventsModule. Needs PlatformModule, NatsModule and MongooseModule.forRoot
 * (a replica set: transactions and change streams need one).
 */
@Module({})
export class MongoEventsModule {
  static forService(options: EventsModuleOptions = {}): DynamicModule {
    return {
      module: MongoEventsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        ...eventsCoreProviders(options),
        { provide: EVENTS_STORAGE, useFactory: mongoEventStorage, inject: [getConnectionToken()] },
        MongoEventPublisher,
      ],
      exports: [MongoEventPublisher, EventsRuntime, DeadLetterQueue, EVENTS_OPTIONS],
    };
  }
}
