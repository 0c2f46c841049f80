import { Module } from '@nestjs/common';
import { InvoicesController } from './invoices.controller';
import { MyOrdersController } from './my-orders.controller';
import { OrdersController } from './orders.controller';
import { PaymentWebhooksController } from './payment-webhooks.controller';
import { ProductsController } from './products.controller';

/** The commerce routes of API.md (and the processor's webhook), each a thin call of a CommercePatterns operation. */
@Module({
  controllers: [
    ProductsController,
    OrdersController,
    MyOrdersController,
    InvoicesController,
    PaymentWebhooksController,
  ],
})
export class CommerceRoutesModule {}
