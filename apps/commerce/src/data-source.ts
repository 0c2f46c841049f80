import { buildDataSourceOptions } from '@platform/database';
import { DataSource } from 'typeorm';
import { SERVICE, loadCommerceConfig } from './config';
import { COMMERCE_ENTITIES, COMMERCE_MIGRATIONS } from './database';

/** For the TypeORM CLI only (scripts/migrations.js); the service builds its own at start. */
const config = loadCommerceConfig();

export default new DataSource(
  buildDataSourceOptions({
    url: config.databaseUrl,
    entities: COMMERCE_ENTITIES,
    migrations: COMMERCE_MIGRATIONS,
    applicationName: `${SERVICE}-migrations`,
  }),
);
