import { type DynamicModule, Module } from '@nestjs/common';
import { NatsModule, type PlatformConfig, PlatformModule } from '@platform/common';
import { RequestReplyModule } from '@platform/contracts';
import { DatabaseModule, type ServiceDataSourceOptions } from '@platform/database';
import { type EventsModuleOptions } from './events.options';
import { EventsModule } from './events.module';
import { eventsOptionsFromConfig } from './events-options-from-config';

export interface ServiceRuntimeOptions {
  service: string;
  config: PlatformConfig & { databaseUrl: string };
  entities: ServiceDataSourceOptions['entities'];
  migrations: ServiceDataSourceOptions['migrations'];
  /** Tests give each file its own request subjects and event streams. */
  subjectPrefix?: string;
  events?: EventsModuleOptions;
}

/**
 * What every PostgreSQL service runs on, wired from its validated config: JSON logs,
 * health and metrics; its database with migrations; the NATS connection; the request/reply
 * listener in the service's queue group; the outbox relay and event consumers — all in the
 * NATS namespace the config names. A service module imports this and adds its features.
 */
@Module({})
export class ServiceRuntimeModule {
  static forRoot(options: ServiceRuntimeOptions): DynamicModule {
    const { service, config } = options;
    return {
      module: ServiceRuntimeModule,
      imports: [
        PlatformModule.forRoot({ service, logLevel: config.LOG_LEVEL }),
        DatabaseModule.forRoot({
          service,
          url: config.databaseUrl,
          entities: options.entities,
          migrations: options.migrations,
          runMigrations: config.RUN_MIGRATIONS,
        }),
        NatsModule.forRoot({ url: config.NATS_URL, name: service }),
        RequestReplyModule.forService({
          subjectPrefix: options.subjectPrefix ?? config.NATS_SUBJECT_PREFIX,
          shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
        }),
        EventsModule.forService({ ...eventsOptionsFromConfig(config), ...options.events }),
      ],
    };
  }
}
