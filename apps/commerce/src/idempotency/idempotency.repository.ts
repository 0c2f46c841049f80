import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type IdempotencyState, type StoredReply } from './idempotency-key.entity';

export interface IdempotencyScope {
  userId: string;
  /** The operation the key is scoped to, e.g. `orders.place`. */
  operation: string;
  key: string;
}

export interface StoredKey {
  requestHash: string;
  state: IdempotencyState;
  reply: StoredReply | null;
}

/**
 * Always on its own connection, outside any transaction of the caller: a claim must be
 * visible to a concurrent duplicate at once, not when some larger transaction commits.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes the key: inserts it, or takes over a claim of the same request whose owner went
   * silent past the lease (its process died). True when the caller now owns the key.
   */
  async claim(scope: IdempotencyScope, requestHash: string, leaseSeconds: number): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource.manager,
      `INSERT INTO idempotency_keys (user_id, operation, key, request_hash, state)
       VALUES ($1, $2, $3, $4, 'in_progress')
       ON CONFLICT (user_id, operation, key) DO UPDATE SET claimed_at = now()
       WHERE idempotency_keys.state = 'in_progress'
         AND idempotency_keys.request_hash = EXCLUDED.request_hash
         AND idempotency_keys.claimed_at < now() - make_interval(secs => $5)
       RETURNING 1`,
      [scope.userId, scope.operation, scope.key, requestHash, leaseSeconds],
    );
    return rows.length === 1;
  }

  async find(scope: IdempotencyScope): Promise<StoredKey | null> {
    const rows = await queryRows<{
      request_hash: string;
      state: IdempotencyState;
      reply: StoredReply | null;
    }>(
      this.dataSource.manager,
      `SELECT request_hash, state, reply FROM idempotency_keys WHERE user_id = $1 AND operation = $2 AND key = $3`,
      [scope.userId, scope.operation, scope.key],
    );
    return rows[0] ? { requestHash: rows[0].request_hash, state: rows[0].state, reply: rows[0].reply } : null;
  }

  async complete(scope: IdempotencyScope, reply: StoredReply): Promise<void> {
    await queryRows(
      this.dataSource.manager,
      `UPDATE idempotency_keys SET state = 'completed', reply = $4, completed_at = now()
       WHERE user_id = $1 AND operation = $2 AND key = $3 AND state = 'in_progress'`,
      [scope.userId, scope.operation, scope.key, JSON.stringify(reply)],
    );
  }

  /** Forgets a claim whose work failed for a passing reason, so the client may retry with the same key. */
  async release(scope: IdempotencyScope): Promise<void> {
    await queryRows(
      this.dataSource.manager,
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND operation = $2 AND key = $3 AND state = 'in_progress'`,
      [scope.userId, scope.operation, scope.key],
    );
  }

  /** Deletes keys older than the retention (in batches, so one run never holds many locks); returns how many. */
  async purgeOlderThan(hours: number, batch = 1_000): Promise<number> {
    const rows = await queryRows(
      this.dataSource.manager,
      `DELETE FROM idempotency_keys WHERE ctid IN (
         SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT $2
       ) RETURNING 1`,
      [hours, batch],
    );
    return rows.length;
  }
}
