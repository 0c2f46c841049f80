import { type DynamicModule, Module } from '@nestjs/common';
import { type EventsModuleOptions, ServiceRuntimeModule } from '@platform/events';
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
        ServiceRuntimeModule.forRoot({
          service: SERVICE,
          config,
          entities: COURSE_ENTITIES,
          migrations: COURSE_MIGRATIONS,
          subjectPrefix: overrides.subjectPrefix,
          events: overrides.events,
        }),
      ],
      providers: [{ provide: COURSE_CONFIG, useValue: config }, ...COURSE_PROVIDERS],
    };
  }
}
