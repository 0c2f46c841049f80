import { Client } from 'pg';
import { quoteIdentifier } from '@platform/database';
import { testServers } from '../infrastructure/servers';

const PREFIX = 'test_';
/** Databases of killed runs older than this are dropped by the next run. */
const STALE_AFTER_MS = 60 * 60 * 1000;

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database for one test file, so files run in parallel without seeing each
 * other's rows. The name carries its creation time, so leftovers of a killed run can be
 * told apart from the databases of a run in progress.
 */
export async function createTestDatabase(label = 'db'): Promise<TestDatabase> {
  const serverUrl = testServers.postgresUrl();
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 24);
  const random = Math.random().toString(36).slice(2, 8);
  const name = `${PREFIX}${Date.now()}_${slug}_${random}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () =>
      onServer(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
      ).then(() => undefined),
  };
}

export async function dropStaleTestDatabases(serverUrl: string): Promise<void> {
  await onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%'",
    );
    const cutoff = Date.now() - STALE_AFTER_MS;
    for (const { datname } of rows) {
      const createdAt = Number(datname.slice(PREFIX.length).split('_')[0]);
      if (Number.isFinite(createdAt) && createdAt < cutoff) {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
      }
    }
  });
}
