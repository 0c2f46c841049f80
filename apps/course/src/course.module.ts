import { type DynamicModule, Module } from '@nestjs/common';
import { NatsModule, PlatformModule } from '@platform/common';
import { RequestReplyModule } from '@platform/contracts';
import { DatabaseModule } from '@platform/database';
import { EventsModule, type EventsModuleOptions, eventsOptionsFromConfig } from '@platform/events';
import { COURSE_CONFIG, type CourseConfig, SERVICE } from './config';
import { COURSE_ENTITIES, COURSE_MIGRATIONS } from './database';
import { COURSE_PROVIDERS } from './course.providers';

export interface CourseModuleOverrides {
  /** Tests give each file its own request subjects… */
  subjectPrefix?: string;
  /** …and their own event streams and subjects. */
  events?: EventsModuleOptions;
}

@Module({})
export class CourseModule {
  static forRoot(config: CourseConfig, overrides: CourseModuleOverrides = {}): DynamicModule {
    return {
      module: CourseModule,
      imports: [
        PlatformModule.forRoot({ service: SERVICE, logLevel: config.LOG_LEVEL }),
        DatabaseModule.forRoot({
          service: SERVICE,
          url: config.databaseUrl,
          entities: COURSE_ENTITIES,
          migrations: COURSE_MIGRATIONS,
          runMigrations: config.RUN_MIGRATIONS,
        }),
        NatsModule.forRoot({ url: config.NATS_URL, name: SERVICE }),
        RequestReplyModule.forService({
          subjectPrefix: overrides.subjectPrefix ?? config.NATS_SUBJECT_PREFIX,
          shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
        }),
        EventsModule.forService({ ...eventsOptionsFromConfig(config), ...overrides.events }),
      ],
      providers: [{ provide: COURSE_CONFIG, useValue: config }, ...COURSE_PROVIDERS],
    };
  }
}
