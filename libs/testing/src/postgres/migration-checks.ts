import { type MigrationInterface } from 'typeorm';
import { DataSource } from 'typeorm';
import { type ServiceDataSourceOptions, buildDataSourceOptions } from '@platform/database';
import { createTestDatabase } from './test-database';
import { diffSnapshots, snapshotSchema } from './schema-snapshot';

type MigrationClass = new () => MigrationInterface;

export interface MigrationCheckOptions {
  entities: ServiceDataSourceOptions['entities'];
  migrations: readonly MigrationClass[];
  label?: string;
}

async function withFreshDataSource<T>(
  options: MigrationCheckOptions,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const database = await createTestDatabase(options.label ?? 'migrations');
  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: database.url,
      entities: options.entities,
      migrations: [...options.migrations],
    }),
  );
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

/**
 * Fails when, after every migration ran on an empty database, the entities still differ
 * from the schema: someone changed an entity and forgot to generate the migration.
 * The message lists the SQL a migration would need.
 */
export async function assertEntitiesMatchMigrations(options: MigrationCheckOptions): Promise<void> {
  const pending = await withFreshDataSource(options, async (dataSource) => {
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  });
  if (pending.length > 0) {
    throw new Error(
      `Entities differ from the schema the migrations build. A migration would need:\n${pending.join(';\n')}`,
    );
  }
}

/**
 * Fails when a migration's down() does not undo its up(): each migration, in order, is
 * applied, reverted (the schema must equal the one before it), and applied again (the
 * schema must equal the first application), so later migrations build on the real thing.
 */
export async function assertMigrationsReversible(options: MigrationCheckOptions): Promise<void> {
  await withFreshDataSource(options, async (dataSource) => {
    const runner = dataSource.createQueryRunner();
    try {
      for (const Migration of options.migrations) {
        const migration = new Migration();
        const name = migration.name ?? Migration.name;
        const before = await snapshotSchema(runner);
        await migration.up(runner);
        const applied = await snapshotSchema(runner);
        await migration.down(runner);
        const reverted = await snapshotSchema(runner);
        const notUndone = diffSnapshots(before, reverted);
        if (notUndone.length > 0) {
          throw new Error(`down() of ${name} does not undo its up():\n${notUndone.join('\n')}`);
        }
        await migration.up(runner);
        const reapplied = diffSnapshots(applied, await snapshotSchema(runner));
        if (reapplied.length > 0) {
          throw new Error(
            `${name} gives another schema when applied after its down():\n${reapplied.join('\n')}`,
          );
        }
      }
    } finally {
      await runner.release();
    }
  });
}

/**
 * The migration checks every PostgreSQL service runs on its own schema: the migrations build
 * exactly what the entities declare, and each one can be reverted and applied again.
 */
export function describeMigrationChecks(
  database: string,
  options: Omit<MigrationCheckOptions, 'label'>,
): void {
  describe(`${database} migrations`, () => {
    it('build exactly the schema the entities declare', async () => {
      await assertEntitiesMatchMigrations({ ...options, label: `${database}_mig` });
    });

    it('can each be reverted and applied again', async () => {
      await assertMigrationsReversible({ ...options, label: `${database}_rev` });
    });
  });
}
