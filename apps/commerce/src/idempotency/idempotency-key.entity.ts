import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { sqlList } from '../shared/sql-list';

export const IDEMPOTENCY_STATES = ['in_progress', 'completed'] as const;
export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];

/** The first reply to a request, as it crossed the wire: `{ data }` or `{ error: { code, message, details } }`. */
export type StoredReply = { data: unknown } | { error: { code: string; message: string; details?: unknown } };

/**
 * A client's Idempotency-Key for one operation. The row is claimed by INSERT before the
 * work starts, so a concurrent duplicate finds it and waits instead of doing the work
 * twice; then it keeps the hash of the request and the first reply, to replay.
 */
@Entity('idempotency_keys')
@Index('idx_idempotency_keys_created_at', ['createdAt'])
@Check(`"state" IN (${sqlList(IDEMPOTENCY_STATES)})`)
export class IdempotencyKey {
  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn('varchar', { length: 40 })
  operation!: string;

  @PrimaryColumn('varchar', { length: 255 })
  key!: string;

  /** SHA-256 of the canonical JSON of the request, without the key itself. */
  @Column('char', { length: 64 })
  requestHash!: string;

  @Column('varchar', { length: 16 })
  state!: IdempotencyState;

  /** `json`, not `jsonb`: a replay returns the first reply exactly, key order included. */
  @Column('json', { nullable: true })
  reply!: StoredReply | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  /** When the current owner took the key; an owner silent past the lease is presumed dead. */
  @Column('timestamptz', { default: () => 'now()' })
  claimedAt!: Date;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;
}
