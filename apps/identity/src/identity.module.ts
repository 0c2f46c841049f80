import { type DynamicModule, Module } from '@nestjs/common';
import { NatsModule, PlatformModule } from '@platform/common';
import { RequestReplyModule } from '@platform/contracts';
import { DatabaseModule } from '@platform/database';
import { EventsModule, type EventsModuleOptions, eventsOptionsFromConfig } from '@platform/events';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { type IdentityConfig, SERVICE } from './config';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from './database';
import { EmailVerificationModule } from './email-verification/email-verification.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { IdentityCoreModule } from './identity-core.module';
import { PasswordsModule } from './passwords/passwords.module';
import { SessionsModule } from './sessions/sessions.module';
import { SigningKeysModule } from './signing-keys/signing-keys.module';
import { UsersModule } from './users/users.module';

export interface IdentityModuleOverrides {
  /** Tests give each file its own request subjects… */
  subjectPrefix?: string;
  /** …and their own event streams and subjects. */
  events?: EventsModuleOptions;
}

/** The service's state and features, without a transport: the service below and the CLI both use it. */
export function identityFeatureImports(
  config: IdentityConfig,
  events: EventsModuleOptions = eventsOptionsFromConfig(config),
): DynamicModule['imports'] {
  return [
    PlatformModule.forRoot({ service: SERVICE, logLevel: config.LOG_LEVEL }),
    DatabaseModule.forRoot({
      service: SERVICE,
      url: config.databaseUrl,
      entities: IDENTITY_ENTITIES,
      migrations: IDENTITY_MIGRATIONS,
      runMigrations: config.RUN_MIGRATIONS,
    }),
    EventsModule.forService(events),
    IdentityCoreModule.forRoot(config),
    SigningKeysModule,
    UsersModule,
    SessionsModule,
    AuthModule,
    EmailVerificationModule,
    PasswordsModule,
    AdminModule,
    HousekeepingModule,
  ];
}

@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig, overrides: IdentityModuleOverrides = {}): DynamicModule {
    return {
      module: IdentityModule,
      imports: [
        ...(identityFeatureImports(config, { ...eventsOptionsFromConfig(config), ...overrides.events }) ??
          []),
        NatsModule.forRoot({ url: config.NATS_URL, name: SERVICE }),
        RequestReplyModule.forService({
          subjectPrefix: overrides.subjectPrefix ?? config.NATS_SUBJECT_PREFIX,
          shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
        }),
      ],
    };
  }
}
