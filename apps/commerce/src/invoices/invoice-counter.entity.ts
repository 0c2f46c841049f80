import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number issued in one series (`INV`, `CN`) and year. Issuing increments it with
 * an upsert that holds the row lock until the issuing transaction ends: concurrent payments
 * queue here, and a rollback gives the number back, so numbers have no holes.
 */
@Entity('invoice_counters')
@Check(`"last_number" >= 0`)
export class InvoiceCounter {
  @PrimaryColumn('varchar', { length: 8 })
  series!: string;

  @PrimaryColumn('integer')
  year!: number;

  @Column('integer')
  lastNumber!: number;
}
