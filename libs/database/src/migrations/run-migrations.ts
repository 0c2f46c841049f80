import { type DataSource, type Migration } from 'typeorm';

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so replicas starting together
 * do not apply the same migration twice: the others wait, then find nothing pending.
 * Each migration runs in its own transaction.
 */
export async function runMigrationsExclusively(
  dataSource: DataSource,
  lockName: string,
): Promise<Migration[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${lockName}`]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockRunner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${lockName}`])
      .catch(() => undefined);
    await lockRunner.release();
  }
}
