import { translateDriverError } from '@platform/database';
import { type EntityManager, type EntityMetadata } from 'typeorm';

/** TypeORM answers UPDATE and DELETE with `[rows, rowCount]`, every other statement with the rows. */
function isUpdateResult(raw: unknown): raw is [unknown[], number] {
  return Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number';
}

/**
 * Runs one SQL statement in `manager`'s transaction and returns its rows (RETURNING rows
 * for writes), with PostgreSQL's errors turned into the platform's typed errors. For the
 * conditional UPDATEs that guard stock, state and money, which must be one statement.
 */
export async function queryRows<R>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  try {
    const raw: unknown = await manager.query(sql, params);
    return (isUpdateResult(raw) ? raw[0] : raw) as R[];
  } catch (error) {
    throw translateDriverError(error);
  }
}

/**
 * Builds an entity from a raw row (`RETURNING *` of a conditional UPDATE), column names to
 * property names; pg has already turned timestamps into Dates and integers into numbers.
 */
export function rowToEntity<T>(metadata: EntityMetadata, row: Record<string, unknown>): T {
  const entity = metadata.create() as Record<string, unknown>;
  for (const column of metadata.columns) {
    if (column.databaseName in row) entity[column.propertyName] = row[column.databaseName];
  }
  return entity as T;
}
