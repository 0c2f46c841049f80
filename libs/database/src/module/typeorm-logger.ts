import { Logger } from '@nestjs/common';
import { type Logger as TypeOrmLoggerInterface } from 'typeorm';

/**
 * Routes TypeORM's messages to the service's logger, without query parameters: they carry
 * password hashes, token hashes and personal data. Failed queries are logged at debug
 * level because most are expected (a unique violation is how "email taken" is detected);
 * the typed error raised for them is what matters.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new Logger('TypeORM');

  constructor(private readonly logQueries = false) {}

  logQuery(query: string): void {
    if (this.logQueries) this.logger.debug(query);
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug(`Query failed (${error instanceof Error ? error.message : error}): ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
