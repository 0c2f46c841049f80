import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { type EventEnvelope } from '../envelope/event-envelope';
import { type TraceContext } from '../envelope/event-headers';

/**
 * An event waiting for (or done with) publication, written in the same transaction as
 * the change it describes. `sequence` orders the events of one aggregate for the relay.
 */
@Entity('outbox')
@Index('idx_outbox_unsent', ['sequence'], { where: '"published_at" IS NULL' })
// The relay's claim query: "is there an earlier unsent event of this aggregate?".
@Index('idx_outbox_unsent_aggregate', ['aggregateId', 'sequence'], { where: '"published_at" IS NULL' })
@Index('idx_outbox_published_at', ['publishedAt'], { where: '"published_at" IS NOT NULL' })
export class OutboxEvent {
  /** The event id (UUIDv7), also JetStream's Nats-Msg-Id. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  sequence!: string;

  @Column('varchar', { length: 200 })
  type!: string;

  @Column('integer')
  version!: number;

  @Column('varchar', { length: 100 })
  aggregateId!: string;

  @Column('jsonb')
  envelope!: EventEnvelope;

  /** W3C trace context of the producing request, sent as NATS headers. */
  @Column('jsonb', { nullable: true })
  trace!: TraceContext | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;
}
