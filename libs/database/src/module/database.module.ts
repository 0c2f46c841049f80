import {
  type DynamicModule,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReadinessRegistry } from '@platform/common';
import { DataSource } from 'typeorm';
import { runMigrationsExclusively } from '../migrations/run-migrations';
import { registerDefaultDataSource, unregisterDefaultDataSource } from '../transactions/transaction-context';
import { type ServiceDataSourceOptions, buildDataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

export interface DatabaseModuleOptions extends ServiceDataSourceOptions {
  /** Used for the migrations lock and pg_stat_activity. */
  service: string;
  /** Apply pending migrations at start (one replica at a time). */
  runMigrations: boolean;
  /** Create the database when missing (local runs and tests; off where a DBA owns it). */
  createDatabase?: boolean;
}

@Injectable()
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    registerDefaultDataSource(this.dataSource);
    this.readiness?.register({
      name: 'postgres',
      check: async () => {
        await this.dataSource.query('SELECT 1');
      },
    });
  }

  onApplicationShutdown(): void {
    unregisterDefaultDataSource(this.dataSource);
  }
}

/**
 * A service's PostgreSQL: creates its database if missing, applies pending migrations
 * under a lock, registers the data source for `@Transactional()`, and reports readiness.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const logger = new Logger('Database');
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => buildDataSourceOptions({ applicationName: options.service, ...options }),
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('Missing data source options');
            if (options.createDatabase ?? true) await ensureDatabase(options.url);
            const dataSource = await new DataSource(dataSourceOptions).initialize();
            if (options.runMigrations) {
              const applied = await runMigrationsExclusively(dataSource, options.service);
              if (applied.length > 0)
                logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
            }
            return dataSource;
          },
        }),
      ],
      providers: [DatabaseLifecycle],
      exports: [TypeOrmModule],
    };
  }
}
