import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { SigningKey } from './signing-key.entity';

@Injectable()
export class SigningKeysRepository extends BaseRepository<SigningKey> {
  constructor(dataSource: DataSource) {
    super(dataSource, SigningKey, { filterable: [], sortable: ['activatesAt'] });
  }

  /** Keys still in the JWKS: pending, signing, or retired with tokens that may not have expired yet. */
  liveKeys(): Promise<SigningKey[]> {
    return this.guard(() =>
      this.select()
        .andWhere(`(${this.alias}.verify_until IS NULL OR ${this.alias}.verify_until > now())`)
        .orderBy(`${this.alias}.activates_at`, 'ASC')
        .getMany(),
    );
  }

  /** Serialises key creation among replicas for the rest of the current transaction. */
  async lockKeySet(): Promise<void> {
    await this.queryRows(`SELECT pg_advisory_xact_lock(hashtext('identity:signing-keys'))`);
  }

  /**
   * Every key not yet retired stops signing when `successorActivatesAt` comes (or at its own
   * activation, for a pending key that would have activated later: it then never signs),
   * and leaves the JWKS `verifySeconds` after that.
   */
  async retireAllExcept(keyId: string, successorActivatesAt: Date, verifySeconds: number): Promise<void> {
    await this.queryRows(
      `UPDATE signing_keys
            SET retired_at = GREATEST(activates_at, $2::timestamptz),
                verify_until = GREATEST(activates_at, $2::timestamptz) + make_interval(secs => $3),
                updated_at = now()
          WHERE retired_at IS NULL AND id <> $1`,
      [keyId, successorActivatesAt, verifySeconds],
    );
  }

  /** Drops every other key from the JWKS now: tokens they signed stop verifying (a compromised key). */
  async withdrawAllExcept(keyId: string): Promise<void> {
    await this.queryRows(
      `UPDATE signing_keys
            SET retired_at = COALESCE(retired_at, GREATEST(activates_at, now())),
                verify_until = LEAST(COALESCE(verify_until, now()), now()),
                updated_at = now()
          WHERE id <> $1 AND (verify_until IS NULL OR verify_until > now())`,
      [keyId],
    );
  }
}
