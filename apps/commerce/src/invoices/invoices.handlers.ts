import { Injectable } from '@nestjs/common';
import {
  CommercePatterns,
  type InvoiceIdRequest,
  type InvoiceView,
  RequestHandler,
} from '@platform/contracts';
import { InvoicesService } from './invoices.service';

@Injectable()
export class InvoicesHandlers {
  constructor(private readonly invoices: InvoicesService) {}

  @RequestHandler(CommercePatterns.getInvoice)
  get(request: InvoiceIdRequest): Promise<InvoiceView> {
    return this.invoices.get(request.invoiceId);
  }
}
