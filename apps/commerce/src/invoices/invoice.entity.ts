import { INVOICE_KINDS, type InvoiceKind, type InvoiceLineView } from '@platform/contracts';
import { UuidBase } from '@platform/database';
import { Check, Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { WithOrderRef } from '../orders/order-ref.mixin';
import { sqlList } from '../shared/sql-list';

/**
 * An issued invoice or credit note. Immutable: the migration adds a trigger that refuses
 * UPDATE and DELETE. Numbers come from InvoiceCounter rows locked by the issuing
 * transaction, so each series is gap-free per year (a rolled-back payment returns its number).
 */
@Entity('invoices')
@Index('uq_invoices_number', ['number'], { unique: true })
@Index('uq_invoices_order_id_invoice', ['orderId'], { unique: true, where: `"kind" = 'invoice'` })
@Index('uq_invoices_refund_id', ['refundId'], { unique: true, where: '"refund_id" IS NOT NULL' })
@Check(`"kind" IN (${sqlList(INVOICE_KINDS)})`)
@Check(`"total_cents" >= 0`)
@Check(`"sequence" > 0`)
export class Invoice extends WithOrderRef(UuidBase) {
  @Column('varchar', { length: 16 })
  kind!: InvoiceKind;

  @Column('varchar', { length: 32 })
  number!: string;

  @Column('integer')
  year!: number;

  @Column('integer')
  sequence!: number;

  @Column('uuid')
  userId!: string;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('integer')
  totalCents!: number;

  @Column('jsonb')
  lines!: InvoiceLineView[];

  @Column('uuid', { nullable: true })
  correctsInvoiceId!: string | null;

  @Column('uuid', { nullable: true })
  refundId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  issuedAt!: Date;
}
