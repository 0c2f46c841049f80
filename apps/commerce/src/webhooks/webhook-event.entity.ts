import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every processor webhook handled, keyed by the processor's event id and inserted in the
 * same transaction as its effect: a redelivered event finds its row and changes nothing.
 */
@Entity('payment_webhook_events')
export class WebhookEvent {
  @PrimaryColumn('varchar', { length: 32 })
  provider!: string;

  @PrimaryColumn('varchar', { length: 100 })
  eventId!: string;

  @Column('varchar', { length: 64 })
  type!: string;

  @Column('varchar', { length: 32 })
  outcome!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;
}
