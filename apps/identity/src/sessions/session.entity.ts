import { UuidTimestampedBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { User } from '../users/user.entity';

export const SESSION_REVOKE_REASONS = [
  'logout',
  'revoked_by_user',
  'token_reuse',
  'password_reset',
  'password_changed',
  'user_disabled',
  'user_deleted',
] as const;
export type SessionRevokeReason = (typeof SESSION_REVOKE_REASONS)[number];

/**
 * One sign-in: the family of refresh tokens that descends from it. Its id is the access
 * token's `sid`. Revoking the session ends every token of the family at once.
 */
@Entity('sessions')
@Index('idx_sessions_user_id_live', ['userId'], { where: '"revoked_at" IS NULL' })
@Check(`"expires_at" > "created_at"`)
@Check(`("revoked_at" IS NULL) = ("revoked_reason" IS NULL)`)
export class Session extends UuidTimestampedBase {
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column('uuid')
  userId!: string;

  @Column('timestamptz')
  lastUsedAt!: Date;

  /** The absolute end of the session, however often it is refreshed. */
  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('varchar', { length: 32, nullable: true })
  revokedReason!: SessionRevokeReason | null;

  /** Where the session was last used from, as the gateway saw it (for the user's session list). */
  @Column('varchar', { length: 64, nullable: true })
  ip!: string | null;

  @Column('varchar', { length: 256, nullable: true })
  userAgent!: string | null;
}
