import { Client, type QueryResultRow } from 'pg';
import { type E2EPlatform } from '../../support/platform';

/** Every table identity writes, outbox included: what "nothing was stored" is checked against. */
export const IDENTITY_TABLES = [
  'users',
  'sessions',
  'refresh_tokens',
  'account_tokens',
  'security_events',
  'signing_keys',
  'outbox',
] as const;

/**
 * A read-only look into the identity service's own database, for assertions the HTTP API
 * cannot make (what is stored, and that nothing was). The tests never write through it.
 */
export class IdentityDatabase {
  private constructor(private readonly client: Client) {}

  static async open(platform: E2EPlatform): Promise<IdentityDatabase> {
    const database = platform.databases.get('identity');
    if (!database) throw new Error('identity is not part of this platform');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    return new IdentityDatabase(client);
  }

  async rows<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(sql, params)).rows;
  }

  /** Row counts of every identity table, to compare before and after. */
  async counts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of IDENTITY_TABLES) {
      const [row] = await this.rows<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = Number(row?.n);
    }
    return counts;
  }

  async userByEmail(
    email: string,
  ): Promise<{ id: string; email: string; password_hash: string } | undefined> {
    const [row] = await this.rows<{ id: string; email: string; password_hash: string }>(
      'SELECT id, email, password_hash FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL',
      [email],
    );
    return row;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
