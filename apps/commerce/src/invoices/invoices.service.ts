import { Injectable } from '@nestjs/common';
import { requireOwnerOrAdmin } from '@platform/auth';
import { type InvoiceLineView, type InvoiceView } from '@platform/contracts';
import { currentTransaction } from '@platform/database';
import { type OrderItem } from '../orders/order-item.entity';
import { type Order } from '../orders/order.entity';
import { type Refund } from '../refunds/refund.entity';
import { INVOICE_SERIES, formatInvoiceNumber } from './invoice-number';
import { Invoice } from './invoice.entity';
import { InvoicesRepository } from './invoices.repository';

const lineOf = (item: OrderItem): InvoiceLineView => ({
  orderItemId: item.id,
  description: `${item.name} (${item.sku})`,
  quantity: item.quantity,
  unitPriceCents: item.unitPriceCents,
  totalCents: item.lineTotalCents,
});

/** Issues invoices and credit notes inside the paying or refunding transaction; they never change afterwards. */
@Injectable()
export class InvoicesService {
  constructor(private readonly invoices: InvoicesRepository) {}

  async get(invoiceId: string): Promise<InvoiceView> {
    const invoice = await this.invoices.getById(invoiceId);
    requireOwnerOrAdmin(invoice.userId, 'invoice');
    return toInvoiceView(invoice);
  }

  issueInvoice(id: string, order: Order, items: readonly OrderItem[]): Promise<Invoice> {
    return this.issue('invoice', {
      id,
      orderId: order.id,
      userId: order.userId,
      currency: order.currency,
      totalCents: order.totalCents,
      lines: items.map(lineOf),
      correctsInvoiceId: null,
      refundId: null,
    });
  }

  /** The credit note of a refund: the revoked items when the refund is exactly them, else one line. */
  issueCreditNote(
    order: Order,
    refund: Refund,
    revoked: readonly OrderItem[],
    id?: string,
  ): Promise<Invoice> {
    const itemized =
      revoked.length > 0 &&
      revoked.reduce((sum, item) => sum + item.lineTotalCents, 0) === refund.amountCents;
    const lines: InvoiceLineView[] = itemized
      ? revoked.map(lineOf)
      : [
          {
            orderItemId: null,
            description: `Refund: ${refund.reason}`,
            quantity: 1,
            unitPriceCents: refund.amountCents,
            totalCents: refund.amountCents,
          },
        ];
    return this.issue('credit_note', {
      id,
      orderId: order.id,
      userId: order.userId,
      currency: order.currency,
      totalCents: refund.amountCents,
      lines,
      correctsInvoiceId: order.invoiceId,
      refundId: refund.id,
    });
  }

  private async issue(
    kind: Invoice['kind'],
    fields: Omit<Invoice, 'kind' | 'number' | 'year' | 'sequence' | 'issuedAt' | 'id'> & { id?: string },
  ): Promise<Invoice> {
    if (!currentTransaction())
      throw new Error('Invoices are issued inside the transaction that pays or refunds');
    const issuedAt = new Date();
    const year = issuedAt.getUTCFullYear();
    const series = INVOICE_SERIES[kind];
    const sequence = await this.invoices.nextSequence(series, year);
    return this.invoices.create({
      ...fields,
      kind,
      year,
      sequence,
      number: formatInvoiceNumber(series, year, sequence),
      issuedAt,
    });
  }
}

export function toInvoiceView(invoice: Invoice): InvoiceView {
  return {
    id: invoice.id,
    kind: invoice.kind,
    number: invoice.number,
    orderId: invoice.orderId,
    userId: invoice.userId,
    currency: invoice.currency,
    totalCents: invoice.totalCents,
    lines: invoice.lines,
    correctsInvoiceId: invoice.correctsInvoiceId,
    refundId: invoice.refundId,
    issuedAt: invoice.issuedAt.toISOString(),
  };
}
