import { buildDataSourceOptions } from '@platform/database';
import { DataSource } from 'typeorm';
import { SERVICE, loadIdentityConfig } from './config';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from './database';

/** For the TypeORM CLI only (scripts/migrations.js); the service builds its own at start. */
const config = loadIdentityConfig();

export default new DataSource(
  buildDataSourceOptions({
    url: config.databaseUrl,
    entities: IDENTITY_ENTITIES,
    migrations: IDENTITY_MIGRATIONS,
    applicationName: `${SERVICE}-migrations`,
  }),
);
