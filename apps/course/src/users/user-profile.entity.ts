import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What course knows of identity's users: the names shown for instructors, certificate
 * holders and review authors, fed by identity's events so that no read calls identity.
 * Columns are `text` on purpose: identity owns the limits, and a longer name there must
 * not make this projection's handler fail.
 */
@Entity('user_profiles')
export class UserProfile {
  @PrimaryColumn('uuid')
  userId!: string;

  /** Null until a registered/updated event arrives (a deletion can come first). */
  @Column('text', { nullable: true })
  name!: string | null;

  @Column('text', { nullable: true })
  avatarUrl!: string | null;

  @Column('text', { nullable: true })
  headline!: string | null;

  /**
   * When the profile fields were true (the event's occurredAt). Handlers of different event
   * types are separate consumers and may run out of order; an older event never overwrites
   * a newer one.
   */
  @Column('timestamptz', { nullable: true })
  profileAsOf!: Date | null;

  /** The account was deleted in identity: the name stays, so old courses read as they did. */
  @Column('timestamptz', { nullable: true })
  accountDeletedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
