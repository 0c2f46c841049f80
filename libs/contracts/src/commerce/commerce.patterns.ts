import { type Page } from '../common/page';
import { definePattern } from '../messaging/request-pattern';
import { InvoiceIdRequest, type InvoiceView } from './invoices.dto';
import { ListMyOrdersQuery, OrderIdRequest, type OrderView, PlaceOrderRequest } from './orders.dto';
import { PayOrderRequest, type PaymentWebhookAck, PaymentWebhookRequest } from './payments.dto';
import {
  CreateProductRequest,
  type InventoryView,
  ListProductsQuery,
  ProductIdRequest,
  type ProductView,
  SetInventoryRequest,
  UpdateProductRequest,
} from './products.dto';
import { RefundOrderRequest } from './refunds.dto';

/**
 * The commerce service's request/reply operations, one per route of API.md (plus a few a
 * serious shop needs). The caller travels in message headers; idempotency keys travel in
 * the bodies because they are part of what the request means.
 */
export const CommercePatterns = {
  /** `GET /products?courseId=` — anyone. */
  listProducts: definePattern<ListProductsQuery, Page<ProductView>>(
    'commerce.products.list',
    ListProductsQuery,
  ),
  /** `GET /products/:id` — anyone. */
  getProduct: definePattern<ProductIdRequest, ProductView>('commerce.products.get', ProductIdRequest),
  /** `POST /products` — admin, instructor (own products; course links are admin-only). */
  createProduct: definePattern<CreateProductRequest, ProductView>(
    'commerce.products.create',
    CreateProductRequest,
  ),
  /** `PATCH /products/:id` — admin, owner. */
  updateProduct: definePattern<UpdateProductRequest, ProductView>(
    'commerce.products.update',
    UpdateProductRequest,
  ),
  /** `GET /products/:id/inventory` — admin, owner. */
  getInventory: definePattern<ProductIdRequest, InventoryView>('commerce.inventory.get', ProductIdRequest),
  /** `PATCH /products/:id/inventory` `{onHand}` — admin, owner. */
  setInventory: definePattern<SetInventoryRequest, InventoryView>(
    'commerce.inventory.set',
    SetInventoryRequest,
  ),
  /** `POST /orders` + Idempotency-Key — signed-in user; 201. */
  placeOrder: definePattern<PlaceOrderRequest, OrderView>('commerce.orders.place', PlaceOrderRequest),
  /** `GET /orders/:id` — owner, admin. */
  getOrder: definePattern<OrderIdRequest, OrderView>('commerce.orders.get', OrderIdRequest),
  /** `GET /users/me/orders` — the caller's orders, newest first. */
  listMyOrders: definePattern<ListMyOrdersQuery, Page<OrderView>>(
    'commerce.orders.list_mine',
    ListMyOrdersQuery,
  ),
  /** `POST /orders/:id/cancel` — owner, admin; only from pending_payment. */
  cancelOrder: definePattern<OrderIdRequest, OrderView>('commerce.orders.cancel', OrderIdRequest),
  /** `POST /orders/:id/pay` + Idempotency-Key — order owner. Allow ~15 s: it waits on the processor. */
  payOrder: definePattern<PayOrderRequest, OrderView>('commerce.orders.pay', PayOrderRequest),
  /** `POST /orders/:id/refund` (+ optional Idempotency-Key) — admin. */
  refundOrder: definePattern<RefundOrderRequest, OrderView>('commerce.orders.refund', RefundOrderRequest),
  /** `GET /invoices/:id` — owner, admin; invoices and credit notes. */
  getInvoice: definePattern<InvoiceIdRequest, InvoiceView>('commerce.invoices.get', InvoiceIdRequest),
  /** `POST /webhooks/payments/:provider` — public; the processor's signature authenticates. */
  receivePaymentWebhook: definePattern<PaymentWebhookRequest, PaymentWebhookAck>(
    'commerce.payment_webhooks.receive',
    PaymentWebhookRequest,
  ),
} as const;
