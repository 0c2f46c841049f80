import { type Role } from '@platform/common';
import { UniqueAmongLive, UuidAggregateBase } from '@platform/database';
import { Check, Column, Entity, Index } from 'typeorm';

/** What the users.status column may hold; `deleted` goes with deleted_at (soft delete). */
export const ACCOUNT_STATUSES = ['active', 'locked', 'disabled', 'deleted'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * An account. The email is stored normalised (trimmed, lower case) and is unique among
 * live accounts only, so a deleted account's address can register again. `locked` is the
 * temporary brute-force lock: it ends by itself at `locked_until` (see LoginAttempts).
 */
@Entity('users')
@UniqueAmongLive('users', ['email'])
@Index('idx_users_created_at', ['createdAt'])
@Check(`"email" = lower(btrim("email"))`)
@Check(`"status" IN ('active', 'locked', 'disabled', 'deleted')`)
@Check(`cardinality("roles") >= 1 AND "roles" <@ ARRAY['student', 'instructor', 'admin']::varchar[]`)
@Check(`"failed_login_count" >= 0`)
@Check(`("status" = 'deleted') = ("deleted_at" IS NOT NULL)`)
export class User extends UuidAggregateBase {
  @Column('varchar', { length: 254 })
  email!: string;

  /** argon2id, PHC string (salt and parameters inside). */
  @Column('text')
  passwordHash!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { length: 16, array: true, default: () => `'{student}'` })
  roles!: Role[];

  @Column('varchar', { length: 16, default: 'active' })
  status!: AccountStatus;

  @Column('timestamptz', { nullable: true })
  emailVerifiedAt!: Date | null;

  @Column('varchar', { length: 2000, nullable: true })
  bio!: string | null;

  @Column('varchar', { length: 2048, nullable: true })
  avatarUrl!: string | null;

  @Column('varchar', { length: 160, nullable: true })
  headline!: string | null;

  @Column('varchar', { length: 35, nullable: true })
  locale!: string | null;

  @Column('varchar', { length: 64, nullable: true })
  timezone!: string | null;

  @Column('varchar', { length: 32, nullable: true })
  region!: string | null;

  /** Failed sign-ins in the current window; changed only by one atomic UPDATE each. */
  @Column('integer', { default: 0 })
  failedLoginCount!: number;

  @Column('timestamptz', { nullable: true })
  lastFailedLoginAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lockedUntil!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  passwordChangedAt!: Date;
}

/** The status a reader should see: a lock whose time is up is over, even before anyone wrote that down. */
export function effectiveStatus(user: Pick<User, 'status' | 'lockedUntil'>, now = new Date()): AccountStatus {
  if (user.status === 'locked' && (!user.lockedUntil || user.lockedUntil <= now)) return 'active';
  return user.status;
}
