import { EVENT_ENTITIES, EVENT_MIGRATIONS } from '@platform/events';
import { IdempotencyKey } from './idempotency/idempotency-key.entity';
import { InventoryItem } from './inventory/inventory-item.entity';
import { InvoiceCounter } from './invoices/invoice-counter.entity';
import { Invoice } from './invoices/invoice.entity';
import { OrderItem } from './orders/order-item.entity';
import { Order } from './orders/order.entity';
import { Payment } from './payments/payment.entity';
import { WebhookEvent } from './webhooks/webhook-event.entity';
import { Product } from './products/product.entity';
import { Refund } from './refunds/refund.entity';
import { CreateCommerceTables1795309921184 } from './migrations/1795309921184-CreateCommerceTables';

/** Every entity of commerce_db; the migrations below must build exactly these (see test/migrations). */
export const COMMERCE_ENTITIES = [
  ...EVENT_ENTITIES,
  Product,
  InventoryItem,
  Order,
  OrderItem,
  IdempotencyKey,
  Payment,
  WebhookEvent,
  Refund,
  Invoice,
  InvoiceCounter,
];

/** In order of their timestamps. `npm run migration -- commerce generate <Name>` appends new ones. */
export const COMMERCE_MIGRATIONS = [...EVENT_MIGRATIONS, CreateCommerceTables1795309921184];
