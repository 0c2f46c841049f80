import { Injectable } from '@nestjs/common';
import { type Role } from '@platform/common';
import { BaseRepository, type ListOptions, type Page, escapeLike } from '@platform/database';
import { DataSource } from 'typeorm';
import { type AccountStatus, User } from './user.entity';

/** `status` as readers see it: an expired lock is over even if no one has written that down yet. */
const effectiveStatus = (alias: string): string =>
  `CASE WHEN ${alias}.status = 'locked' AND (${alias}.locked_until IS NULL OR ${alias}.locked_until <= now()) THEN 'active' ELSE ${alias}.status END`;

export interface LoginFailurePolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export interface LoginFailureOutcome {
  failedLoginCount: number;
  /** Set when this failure reached the threshold and locked the account. */
  lockedUntil: Date | null;
}

export interface UserSearch {
  role?: Role;
  status?: AccountStatus;
  /** Case-insensitive substring of name or email. */
  q?: string;
}

@Injectable()
export class UsersRepository extends BaseRepository<User> {
  constructor(dataSource: DataSource) {
    super(dataSource, User, {
      filterable: ['email', 'name', 'createdAt', 'emailVerifiedAt'],
      sortable: ['createdAt', 'name', 'email'],
      defaultSort: { createdAt: 'DESC' },
    });
  }

  findLiveByEmail(email: string): Promise<User | null> {
    return this.findOne({ email: { eq: email } });
  }

  /** The live user, row-locked until the transaction ends: changes to one account happen one at a time. */
  lockLive(id: string): Promise<User | null> {
    return this.guard(() =>
      this.select().andWhere(`${this.alias}.id = :id`, { id }).setLock('pessimistic_write').getOne(),
    );
  }

  /** Admin search: the whitelisted sorts and page of BaseRepository.list, plus role, status and text. */
  search(search: UserSearch, options: ListOptions<User>): Promise<Page<User>> {
    return this.list(options, (qb) => {
      const a = this.alias;
      if (search.role) qb.andWhere(`:role = ANY(${a}.roles)`, { role: search.role });
      if (search.status) qb.andWhere(`${effectiveStatus(a)} = :status`, { status: search.status });
      if (search.q) {
        qb.andWhere(`(${a}.name ILIKE :q ESCAPE '\\' OR ${a}.email ILIKE :q ESCAPE '\\')`, {
          q: `%${escapeLike(search.q)}%`,
        });
      }
    });
  }

  /**
   * Counts one failed sign-in in ONE statement, and locks the account when the count
   * reaches the threshold. Concurrent failures queue on the row lock and each re-reads
   * the committed count, so the lock falls exactly at the threshold. Returns null when
   * the account is locked already (by a concurrent failure) or not lockable (disabled).
   */
  async recordFailedLogin(userId: string, policy: LoginFailurePolicy): Promise<LoginFailureOutcome | null> {
    const restart = `(last_failed_login_at IS NULL OR last_failed_login_at <= now() - make_interval(secs => $3) OR status = 'locked')`;
    const count = `CASE WHEN ${restart} THEN 1 ELSE failed_login_count + 1 END`;
    const rows = await this.queryRows<{ failed_login_count: number; locked_until: Date | null }>(
      `UPDATE users SET
            failed_login_count = ${count},
            last_failed_login_at = now(),
            status = CASE WHEN ${count} >= $2 THEN 'locked' ELSE 'active' END,
            locked_until = CASE WHEN ${count} >= $2 THEN now() + make_interval(secs => $4) END
          WHERE id = $1 AND deleted_at IS NULL AND status IN ('active', 'locked')
            AND NOT (status = 'locked' AND locked_until > now())
          RETURNING failed_login_count, locked_until`,
      [userId, policy.maxFailures, policy.windowSeconds, policy.lockSeconds],
    );
    const row = rows[0];
    return row ? { failedLoginCount: row.failed_login_count, lockedUntil: row.locked_until } : null;
  }

  /**
   * A successful sign-in clears the failure count (and an expired lock), optionally storing
   * a rehashed password. False when the account got locked meanwhile: the lock wins.
   */
  async recordSuccessfulLogin(userId: string, rehashed: string | null): Promise<boolean> {
    const rows = await this.queryRows<{ id: string }>(
      `UPDATE users SET
            failed_login_count = 0, last_failed_login_at = NULL, locked_until = NULL,
            status = CASE WHEN status = 'locked' THEN 'active' ELSE status END,
            last_login_at = now(),
            password_hash = COALESCE($2, password_hash)
          WHERE id = $1 AND deleted_at IS NULL AND status IN ('active', 'locked')
            AND NOT (status = 'locked' AND locked_until > now())
          RETURNING id`,
      [userId, rehashed],
    );
    return rows.length > 0;
  }

  /**
   * A new password also ends a brute-force lock (whoever sets it proved control of the
   * account). `verifyEmail`: the change came through a mailed link, which proves the address.
   */
  async setPassword(userId: string, passwordHash: string, options: { verifyEmail: boolean }): Promise<void> {
    await this.queryRows(
      `UPDATE users SET
            password_hash = $2, password_changed_at = now(),
            failed_login_count = 0, last_failed_login_at = NULL, locked_until = NULL,
            status = CASE WHEN status = 'locked' THEN 'active' ELSE status END,
            email_verified_at = CASE WHEN $3 THEN COALESCE(email_verified_at, now()) ELSE email_verified_at END,
            updated_at = now()
          WHERE id = $1 AND deleted_at IS NULL`,
      [userId, passwordHash, options.verifyEmail],
    );
  }

  /** Serialises every change that could take the admin role from the last active admin. */
  async lockAdminSet(): Promise<void> {
    await this.queryRows(`SELECT pg_advisory_xact_lock(hashtext('identity:admin-set'))`);
  }

  /** Live, not disabled admins other than `userId` (a temporary lock does not count against them). */
  async countOtherActiveAdmins(userId: string): Promise<number> {
    return this.guard(() =>
      this.select()
        .andWhere(`'admin' = ANY(${this.alias}.roles)`)
        .andWhere(`${this.alias}.status <> 'disabled'`)
        .andWhere(`${this.alias}.id <> :userId`, { userId })
        .getCount(),
    );
  }

  async isActiveAdmin(userId: string): Promise<boolean> {
    return this.guard(() =>
      this.select()
        .andWhere(`${this.alias}.id = :userId`, { userId })
        .andWhere(`'admin' = ANY(${this.alias}.roles)`)
        .andWhere(`${this.alias}.status <> 'disabled'`)
        .getExists(),
    );
  }

  /** Soft delete: the row stays (audit, projections), hidden, its email free for a new account. */
  async markDeleted(userId: string, actorId: string | null): Promise<void> {
    await this.queryRows(
      `UPDATE users SET status = 'deleted', deleted_at = now(), updated_at = now(),
                updated_by = COALESCE($2, updated_by), version = version + 1
          WHERE id = $1 AND deleted_at IS NULL`,
      [userId, actorId],
    );
  }
}
