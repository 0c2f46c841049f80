import { type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import { type PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { SnakeNamingStrategy } from '../naming/snake-naming.strategy';
import { AuditSubscriber } from '../subscribers/audit.subscriber';
import { TypeOrmLogger } from './typeorm-logger';

export interface ServiceDataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations?: MixedList<Function | string>;
  /** Shown in pg_stat_activity, so a DBA can tell which service holds a lock. */
  applicationName?: string;
  poolSize?: number;
  /** Kills a runaway statement instead of letting it hold a connection and its locks. */
  statementTimeoutMs?: number;
  logging?: boolean;
}

/**
 * The one place PostgreSQL data sources are configured, for the running service and the
 * migrations CLI alike (so both name constraints the same way). `synchronize` is never
 * on: the schema changes only through reviewed migrations.
 */
export function buildDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  const postgres: PostgresDataSourceOptions = {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    subscribers: [AuditSubscriber],
    logger: new TypeOrmLogger(options.logging ?? false),
    logging: true,
    maxQueryExecutionTime: 1_000,
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  };
  return postgres;
}
