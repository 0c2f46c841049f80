import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import { type DataSource } from 'typeorm';
import { type PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { errorMessage, reopenForever } from '../support/backoff';
import { OUTBOX_CHANNEL } from './event-publisher';
import { type OutboxWakeups } from './outbox-store';

/**
 * LISTENs on the outbox channel over a connection of its own (a pooled one would be handed
 * to other work). PostgreSQL delivers the NOTIFY of `EventPublisher.publish` at commit, so
 * the relay starts publishing within milliseconds. A dropped connection is re-opened with
 * backoff; the relay's poll covers the gap.
 */
export class PostgresOutboxWakeups implements OutboxWakeups {
  private readonly logger = new Logger(PostgresOutboxWakeups.name);
  private readonly stopping = new AbortController();
  private client: Client | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  start(onWake: () => void): void {
    this.running ??= this.listenForever(onWake);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.client?.end().catch(() => undefined);
    await this.running;
  }

  private listenForever(onWake: () => void): Promise<void> {
    return reopenForever(
      this.stopping.signal,
      async (healthy) => {
        const client = new Client(clientConfig(this.dataSource));
        const closed = new Promise<void>((resolve) => {
          client.once('end', resolve);
          client.on('error', (error) => {
            this.logger.warn(`Outbox LISTEN connection failed: ${error.message}`);
            resolve();
          });
        });
        try {
          await client.connect();
          this.client = client;
          client.on('notification', () => onWake());
          await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
          healthy();
          onWake(); // anything committed while we were not listening
          await closed;
        } finally {
          this.client = undefined;
          await client.end().catch(() => undefined);
        }
      },
      (error) => this.logger.warn(`Outbox LISTEN failed: ${errorMessage(error)}`),
    );
  }
}

function clientConfig(dataSource: DataSource): ClientConfig {
  const options = dataSource.options as PostgresDataSourceOptions;
  const name = options.applicationName ? `${options.applicationName}-outbox-listener` : 'outbox-listener';
  if (options.url) return { connectionString: options.url, application_name: name };
  return {
    host: options.host,
    port: options.port,
    user: options.username,
    password: typeof options.password === 'string' ? options.password : undefined,
    database: options.database,
    application_name: name,
  };
}
