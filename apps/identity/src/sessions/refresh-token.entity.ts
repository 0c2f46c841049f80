import { UuidBase } from '@platform/database';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Session } from './session.entity';

/**
 * One refresh token of a session, stored as its SHA-256 only. A token is current until it
 * is rotated (`rotated_at`); its successor points back through `parent_id`, which is unique:
 * a token has at most one successor, whatever races happen.
 */
@Entity('refresh_tokens')
@Index('uq_refresh_tokens_token_hash', ['tokenHash'], { unique: true })
@Index('uq_refresh_tokens_parent_id', ['parentId'], { unique: true })
@Index('idx_refresh_tokens_session_id', ['sessionId'])
@Check(`"expires_at" > "created_at"`)
export class RefreshToken extends UuidBase {
  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn()
  session?: Session;

  @Column('uuid')
  sessionId!: string;

  @Column('char', { length: 64 })
  tokenHash!: string;

  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  rotatedAt!: Date | null;
}
