import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity';

@Injectable()
export class AccountTokensRepository extends BaseRepository<AccountToken> {
  constructor(dataSource: DataSource) {
    super(dataSource, AccountToken, { filterable: ['userId', 'purpose'], sortable: ['createdAt'] });
  }

  /** Uses the token in ONE conditional UPDATE: of concurrent attempts exactly one gets the row back. */
  async consume(
    tokenHash: string,
    purpose: AccountTokenPurpose,
  ): Promise<{ userId: string; email: string } | null> {
    const rows = await this.queryRows<{ user_id: string; email: string }>(
      `UPDATE account_tokens SET consumed_at = now()
          WHERE token_hash = $1 AND purpose = $2 AND consumed_at IS NULL AND expires_at > now()
          RETURNING user_id, email`,
      [tokenHash, purpose],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, email: row.email } : null;
  }

  /** Voids the user's unused tokens of a purpose (a newer one was sent, or the password changed). */
  async supersede(userId: string, purpose: AccountTokenPurpose): Promise<void> {
    await this.queryRows(
      `UPDATE account_tokens SET consumed_at = now()
          WHERE user_id = $1 AND purpose = $2 AND consumed_at IS NULL`,
      [userId, purpose],
    );
  }

  /** Whether a token of this purpose was issued to the user within the last `seconds`. */
  async issuedWithin(userId: string, purpose: AccountTokenPurpose, seconds: number): Promise<boolean> {
    if (seconds <= 0) return false;
    return this.guard(() =>
      this.select()
        .andWhere(`${this.alias}.user_id = :userId AND ${this.alias}.purpose = :purpose`, { userId, purpose })
        .andWhere(`${this.alias}.created_at > now() - make_interval(secs => :seconds)`, { seconds })
        .getExists(),
    );
  }

  /** Deletes up to `batch` tokens used or expired more than `retentionSeconds` ago. */
  async purgeSpent(retentionSeconds: number, batch: number): Promise<number> {
    const rows = await this.queryRows<{ id: string }>(
      `DELETE FROM account_tokens WHERE id IN (
         SELECT id FROM account_tokens
          WHERE consumed_at < now() - make_interval(secs => $1) OR expires_at < now() - make_interval(secs => $1)
          LIMIT $2)
       RETURNING id`,
      [retentionSeconds, batch],
    );
    return rows.length;
  }
}
