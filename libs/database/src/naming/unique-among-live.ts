import { Index } from 'typeorm';
import { constraintName, snakeCase } from './snake-naming.strategy';

/** The predicate of every "unique among rows that are not soft-deleted" index. */
export const LIVE_ROWS = '"deleted_at" IS NULL';

/**
 * A partial unique index `WHERE deleted_at IS NULL`: a plain UNIQUE constraint would stop
 * a user from re-registering an email whose account was soft-deleted. Named
 * `uq_<table>_<columns>` like a unique constraint, because that is what it means.
 *
 * @example @UniqueAmongLive('users', ['email'])
 */
export function UniqueAmongLive(table: string, properties: string[]): ClassDecorator {
  const name = constraintName('uq', table, properties.map(snakeCase));
  return Index(name, properties, { unique: true, where: LIVE_ROWS });
}
