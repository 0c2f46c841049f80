import { type DynamicModule, Module } from '@nestjs/common';
import { type EventsModuleOptions, ServiceRuntimeModule } from '@platform/events';
import { COMMERCE_CONFIG, type CommerceConfig, SERVICE } from './config';
import { CourseProductsHandlers } from './course-products/course-products.handlers';
import { CourseProductsService } from './course-products/course-products.service';
import { COMMERCE_ENTITIES, COMMERCE_MIGRATIONS } from './database';
import { IdempotencyKeyPurgeJob } from './idempotency/idempotency-key-purge.job';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { InventoryHandlers } from './inventory/inventory.handlers';
import { InventoryRepository } from './inventory/inventory.repository';
import { InventoryService } from './inventory/inventory.service';
import { InvoicesHandlers } from './invoices/invoices.handlers';
import { InvoicesRepository } from './invoices/invoices.repository';
import { InvoicesService } from './invoices/invoices.service';
import { OrderExpiryService } from './orders/order-expiry.service';
import { OrderItemsRepository } from './orders/order-items.repository';
import { OrderPlacementService } from './orders/order-placement.service';
import { OrderQueries } from './orders/order-queries';
import { OrdersHandlers } from './orders/orders.handlers';
import { OrdersRepository } from './orders/orders.repository';
import { OrdersService } from './orders/orders.service';
import { paymentProviderFactory } from './payments/payment-provider.factory';
import { PaymentReconciler } from './payments/payment-reconciler.service';
import { PaymentSettlement } from './payments/payment-settlement.service';
import { PaymentsHandlers } from './payments/payments.handlers';
import { PaymentsRepository } from './payments/payments.repository';
import { PaymentsService } from './payments/payments.service';
import { TestProcessorHost } from './payments/test-processor/test-processor.host';
import { ProductsHandlers } from './products/products.handlers';
import { ProductsRepository } from './products/products.repository';
import { ProductsService } from './products/products.service';
import { RefundRetryService } from './refunds/refund-retry.service';
import { RefundSettlement } from './refunds/refund-settlement.service';
import { RefundsHandlers } from './refunds/refunds.handlers';
import { RefundsRepository } from './refunds/refunds.repository';
import { RefundsService } from './refunds/refunds.service';
import { CourseSeatHolder } from './seats/course-seat-holder';
import { SEAT_HOLDER } from './seats/seat-holder.port';
import { PaymentWebhooksHandlers } from './webhooks/payment-webhooks.handlers';
import { PaymentWebhooksService } from './webhooks/payment-webhooks.service';
import { WebhookEventsRepository } from './webhooks/webhook-events.repository';

export interface CommerceModuleOverrides {
  /** Tests give each file its own subjects and streams. */
  subjectPrefix?: string;
  events?: EventsModuleOptions;
}

/** The features, folder by folder; one Nest module keeps their mutual use free of import cycles. */
const FEATURES = [
  [ProductsRepository, ProductsService, ProductsHandlers],
  [InventoryRepository, InventoryService, InventoryHandlers],
  [IdempotencyRepository, IdempotencyService, IdempotencyKeyPurgeJob],
  [
    OrdersRepository,
    OrderItemsRepository,
    OrderQueries,
    OrdersService,
    OrderPlacementService,
    OrderExpiryService,
  ],
  [OrdersHandlers, { provide: SEAT_HOLDER, useClass: CourseSeatHolder }],
  [PaymentsRepository, PaymentSettlement, PaymentsService, PaymentReconciler, PaymentsHandlers],
  [TestProcessorHost, paymentProviderFactory],
  [WebhookEventsRepository, PaymentWebhooksService, PaymentWebhooksHandlers],
  [RefundsRepository, RefundSettlement, RefundsService, RefundRetryService, RefundsHandlers],
  [InvoicesRepository, InvoicesService, InvoicesHandlers],
  [CourseProductsService, CourseProductsHandlers],
].flat();

@Module({})
export class CommerceModule {
  static forRoot(config: CommerceConfig, overrides: CommerceModuleOverrides = {}): DynamicModule {
    return {
      module: CommerceModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          service: SERVICE,
          config,
          entities: COMMERCE_ENTITIES,
          migrations: COMMERCE_MIGRATIONS,
          subjectPrefix: overrides.subjectPrefix,
          events: overrides.events,
        }),
      ],
      providers: [{ provide: COMMERCE_CONFIG, useValue: config }, ...FEATURES],
    };
  }
}
