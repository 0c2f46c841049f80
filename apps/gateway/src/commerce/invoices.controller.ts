import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommercePatterns, InvoiceIdParam, type InvoiceView, ServiceClient } from '@platform/contracts';
import { InvoiceViewSchema } from './commerce.schemas';

@ApiTags('orders')
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly commerce: ServiceClient) {}

  /** An invoice or credit note of one of the caller's orders (any, for admins). */
  @Get(':id')
  @ApiOkResponse({ type: InvoiceViewSchema })
  get(@Param() params: InvoiceIdParam): Promise<InvoiceView> {
    return this.commerce.send(CommercePatterns.getInvoice, { invoiceId: params.id });
  }
}
