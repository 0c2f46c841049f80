import { UuidBase } from '@platform/database';
import { Column, CreateDateColumn, Entity, Index } from 'typeorm';

export const SECURITY_EVENT_TYPES = [
  'user.registered',
  'login.succeeded',
  'login.failed',
  'login.locked',
  'login.refused_disabled',
  'token.refreshed_in_grace',
  'token.reuse_detected',
  'logout',
  'session.revoked',
  'password.changed',
  'password.reset_requested',
  'password.reset',
  'email.verification_requested',
  'email.verified',
  'role.changed',
  'user.disabled',
  'user.enabled',
  'user.unlocked',
  'user.deleted',
  'admin.seeded',
  'signing_key.created',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/**
 * The security audit log: who did what to which account, from where. Append-only by
 * convention (nothing in the service updates or deletes it); never holds a secret —
 * no password, token or hash, only ids, addresses and reasons.
 */
@Entity('security_events')
@Index('idx_security_events_user_id_created_at', ['userId', 'createdAt'])
@Index('idx_security_events_type_created_at', ['type', 'createdAt'])
export class SecurityEvent extends UuidBase {
  @Column('varchar', { length: 48 })
  type!: SecurityEventType;

  /** The account concerned; null when there is none (a sign-in attempt for an unknown email). */
  @Column('uuid', { nullable: true })
  userId!: string | null;

  /** Who did it, when someone other than the account did (an admin); null for the system. */
  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('varchar', { length: 64, nullable: true })
  ip!: string | null;

  @Column('varchar', { length: 256, nullable: true })
  userAgent!: string | null;

  @Column('varchar', { length: 128 })
  correlationId!: string;

  /** Reason, session id, roles before/after, the email tried…: context, never secrets. */
  @Column('jsonb', { default: () => `'{}'` })
  details!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
