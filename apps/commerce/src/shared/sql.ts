import { queryRows } from '@platform/database';
import { type EntityManager, type EntityMetadata } from 'typeorm';

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

/**
 * Claims up to `limit` pending rows of `table` whose `next_check_at` has come, pushing it
 * `retrySeconds` ahead in the same statement: replicas skip rows another holds (SKIP
 * LOCKED), and a claimed row is not looked at again until then.
 */
export function claimDuePending(
  manager: EntityManager,
  table: 'payments' | 'refunds',
  limit: number,
  retrySeconds: number,
): Promise<Record<string, unknown>[]> {
  return queryRows(
    manager,
    `UPDATE ${table} SET next_check_at = now() + make_interval(secs => $2)
     WHERE id IN (SELECT id FROM ${table} WHERE status = 'pending' AND next_check_at <= now()
                  ORDER BY next_check_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [limit, retrySeconds],
  );
}

/**
 * `UPDATE <entity's table> SET <set>, updated_at = now() WHERE id = $1 AND <condition>
 * RETURNING *` as the entity, or null when the condition did not hold: the shape of every
 * guarded state change (the condition is the rule; 0 rows means someone else got there).
 */
export async function updateWhere<T>(
  manager: EntityManager,
  metadata: EntityMetadata,
  set: string,
  condition: string,
  params: unknown[],
): Promise<T | null> {
  const rows = await queryRows<Record<string, unknown>>(
    manager,
    `UPDATE "${metadata.tableName}" SET ${set}, updated_at = now() WHERE id = $1 AND ${condition} RETURNING *`,
    params,
  );
  return rows[0] ? rowToEntity<T>(metadata, rows[0]) : null;
}
