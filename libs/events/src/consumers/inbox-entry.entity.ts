import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per (consumer, event) handled, inserted in the handler's own transaction: a
 * redelivered event finds its row and is acknowledged without running the handler again.
 */
@Entity('inbox')
@Index('idx_inbox_processed_at', ['processedAt'])
export class InboxEntry {
  @PrimaryColumn('varchar', { length: 200 })
  consumer!: string;

  @PrimaryColumn('uuid')
  eventId!: string;

  @Column('varchar', { length: 200 })
  type!: string;

  @Column('timestamptz', { default: () => 'now()' })
  processedAt!: Date;
}
