import { UuidBase } from '@platform/database';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { User } from '../users/user.entity';

export const ACCOUNT_TOKEN_PURPOSES = ['email_verification', 'password_reset'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * A single-use, expiring token mailed to the user (email verification, password reset),
 * stored as its SHA-256 only. Consumed by one conditional UPDATE, so two requests racing
 * with the same token cannot both succeed.
 */
@Entity('account_tokens')
@Index('uq_account_tokens_token_hash', ['tokenHash'], { unique: true })
@Index('idx_account_tokens_user_id_purpose', ['userId', 'purpose'], { where: '"consumed_at" IS NULL' })
@Check(`"purpose" IN ('email_verification', 'password_reset')`)
@Check(`"expires_at" > "created_at"`)
export class AccountToken extends UuidBase {
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column('uuid')
  userId!: string;

  @Column('varchar', { length: 32 })
  purpose!: AccountTokenPurpose;

  @Column('char', { length: 64 })
  tokenHash!: string;

  /** The address the token was sent to: verifying it proves this address, not a later one. */
  @Column('varchar', { length: 254 })
  email!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  /** Set when used, or when a newer token of the same purpose superseded it. */
  @Column('timestamptz', { nullable: true })
  consumedAt!: Date | null;
}
