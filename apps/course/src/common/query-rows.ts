import { translateDriverError } from '@platform/database';
import { type EntityManager } from 'typeorm';

/**
 * Runs one SQL statement in the caller's transaction (through `manager`) and returns its rows,
 * driver errors translated. TypeORM answers UPDATE and DELETE as `[rows, rowCount]` and
 * everything else as `rows`; this hides the difference so `... RETURNING` reads the same
 * for every statement.
 */
export async function queryRows<R>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<R[]> {
  let raw: unknown;
  try {
    raw = await manager.query(sql, parameters);
  } catch (error) {
    throw translateDriverError(error);
  }
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') {
    return raw[0] as R[];
  }
  return (Array.isArray(raw) ? raw : []) as R[];
}
