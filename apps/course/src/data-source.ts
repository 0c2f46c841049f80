import { buildDataSourceOptions } from '@platform/database';
import { DataSource } from 'typeorm';
import { SERVICE, loadCourseConfig } from './config';
import { COURSE_ENTITIES, COURSE_MIGRATIONS } from './database';

/** For the TypeORM CLI only (scripts/migrations.js); the service builds its own at start. */
const config = loadCourseConfig();

export default new DataSource(
  buildDataSourceOptions({
    url: config.databaseUrl,
    entities: COURSE_ENTITIES,
    migrations: COURSE_MIGRATIONS,
    applicationName: `${SERVICE}-migrations`,
  }),
);
