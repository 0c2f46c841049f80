import { type EntityManager } from 'typeorm';
import { translateDriverError } from '../errors/translate-driver-error';

/** TypeORM answers UPDATE and DELETE with `[rows, rowCount]`, every other statement with the rows. */
function isUpdateResult(raw: unknown): raw is [unknown[], number] {
  return Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number';
}

/**
 * Runs one SQL statement through `manager` (so in its transaction) and returns its rows —
 * the RETURNING rows of a write too — with PostgreSQL's errors turned into the platform's
 * typed errors. For the conditional UPDATEs that guard stock, seats, state and money, which
 * must be one statement. Without it, `manager.query('UPDATE … RETURNING …')` silently
 * hands back `[rows, count]` where every other statement hands back rows.
 */
export async function queryRows<R>(
  manager: EntityManager,
  sql: string,
  parameters: readonly unknown[] = [],
): Promise<R[]> {
  let raw: unknown;
  try {
    raw = await manager.query(sql, [...parameters]);
  } catch (error) {
    throw translateDriverError(error);
  }
  if (isUpdateResult(raw)) return raw[0] as R[];
  return (Array.isArray(raw) ? raw : []) as R[];
}
