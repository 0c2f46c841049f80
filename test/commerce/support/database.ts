import { Client } from 'pg';
import { type ServiceName } from '../../support/service-process';
import { type E2EPlatform } from '../../support/platform';

/**
 * Read-only looks into a service's own database, for invariants no API shows whole (no
 * negative stock at any moment, at most N seats, one capture per order). Tests never write.
 */
export class ServiceDatabase {
  private constructor(private readonly client: Client) {}

  static async open(platform: E2EPlatform, service: ServiceName): Promise<ServiceDatabase> {
    const database = platform.databases.get(service);
    if (!database) throw new Error(`${service} is not part of this platform`);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    return new ServiceDatabase(client);
  }

  async rows<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(sql, params)).rows;
  }

  async one<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> {
    const rows = await this.rows<T>(sql, params);
    if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql}`);
    return rows[0];
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
