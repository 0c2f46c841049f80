import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export interface InvoiceLineView {
  orderItemId: string | null;
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
}

/**
 * An issued document, immutable. Invoices are numbered `INV-<year>-<six digits>` and credit
 * notes `CN-<year>-<six digits>`, each series gap-free per year.
 */
export interface InvoiceView {
  id: string;
  kind: InvoiceKind;
  number: string;
  orderId: string;
  userId: string;
  currency: string;
  totalCents: number;
  lines: InvoiceLineView[];
  /** For a credit note: the invoice it corrects and the refund it documents. */
  correctsInvoiceId: string | null;
  refundId: string | null;
  issuedAt: string;
}

export class InvoiceIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class InvoiceIdRequest {
  @IsUUID()
  invoiceId!: string;
}
