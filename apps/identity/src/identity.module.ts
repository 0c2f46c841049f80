import { type DynamicModule, Module } from '@nestjs/common';
import { NatsModule, PlatformModule } from '@platform/common';
import { RequestReplyModule } from '@platform/contracts';
import { DatabaseModule } from '@platform/database';
import { EventsModule } from '@platform/events';
import { type IdentityConfig, SERVICE } from './config';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from './database';

export interface IdentityModuleOverrides {
  /** Tests give each file its own subjects and streams. */
  subjectPrefix?: string;
}

@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig, overrides: IdentityModuleOverrides = {}): DynamicModule {
    return {
      module: IdentityModule,
      imports: [
        PlatformModule.forRoot({ service: SERVICE, logLevel: config.LOG_LEVEL }),
        DatabaseModule.forRoot({
          service: SERVICE,
          url: config.databaseUrl,
          entities: IDENTITY_ENTITIES,
          migrations: IDENTITY_MIGRATIONS,
          runMigrations: config.RUN_MIGRATIONS,
        }),
        NatsModule.forRoot({ url: config.NATS_URL, name: SERVICE }),
        RequestReplyModule.forService({
          subjectPrefix: overrides.subjectPrefix,
          shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
        }),
        EventsModule.forService(),
        // Feature modules go here: UsersModule, AuthModule, …
      ],
    };
  }
}
