import { Client } from 'pg';
import { type E2EPlatform } from '../../support/platform';

/**
 * Reads the course service's own database, to check what HTTP cannot show (seat counters,
 * the projection's deletion mark). Tests only read it: every change goes through the API.
 */
export async function queryCourseDatabase<T extends object>(
  platform: E2EPlatform,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const database = platform.databases.get('course');
  if (!database) throw new Error('the course service is not part of this platform');
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
