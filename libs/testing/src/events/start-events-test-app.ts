import { type INestApplication, Module, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NatsModule, PlatformModule, createHttpAdapter } from '@platform/common';
import { DatabaseModule, type ServiceDataSourceOptions } from '@platform/database';
import { EVENT_ENTITIES, EVENT_MIGRATIONS, EventsModule, type EventsModuleOptions } from '@platform/events';

export interface EventsTestAppOptions {
  /** The service name: event source, consumer name prefix. */
  service: string;
  databaseUrl: string;
  natsUrl: string;
  /** Stream names from testEventStreams(), plus any tuning (short backoffs, polls). */
  events: EventsModuleOptions;
  /** Handlers (@EventHandler) and whatever they need. */
  providers?: Provider[];
  /** Besides the outbox and inbox. */
  entities?: Extract<ServiceDataSourceOptions['entities'], unknown[]>;
  migrations?: Extract<ServiceDataSourceOptions['migrations'], unknown[]>;
}

/**
 * A service process as the platform runs it, without the HTTP listener: its database
 * (migrated), NATS, and EventsModule with relay and consumers. Close it in afterAll.
 */
export async function startEventsTestApp(options: EventsTestAppOptions): Promise<INestApplication> {
  @Module({
    imports: [
      PlatformModule.forRoot({ service: options.service, logLevel: 'silent' }),
      DatabaseModule.forRoot({
        service: options.service,
        url: options.databaseUrl,
        entities: [...EVENT_ENTITIES, ...(options.entities ?? [])],
        migrations: [...EVENT_MIGRATIONS, ...(options.migrations ?? [])],
        runMigrations: true,
        createDatabase: false,
      }),
      NatsModule.forRoot({ url: options.natsUrl, name: `${options.service}-test` }),
      EventsModule.forService(options.events),
    ],
    providers: options.providers ?? [],
  })
  class EventsTestAppModule {}
  const app = await NestFactory.create(EventsTestAppModule, createHttpAdapter(), { logger: false });
  await app.init();
  return app;
}
