import { randomUUID } from 'node:crypto';
import { type InvoiceView, type OrderView, type ProductView } from '@platform/contracts';
import { waitUntil } from '@platform/testing';
import { type Account } from '../../support/accounts';
import { type HttpRequest, type HttpResult } from '../../support/http-client';

/** The error body of API.md, as tests read it. */
export interface ApiError {
  code: string;
  message: string;
  // Details differ per code; tests read them freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  details?: any;
  correlationId: string;
}

/** An answer as a test reads it: the view when the call succeeded, `error` when it did not. */
export type Answer<T> = HttpResult<T & { error: ApiError }>;

export const VISA = 'tok_visa';
export const DECLINED = 'tok_chargeDeclined';

/** The commerce routes of the gateway as a buyer's or an admin's client calls them. */
export class Shop {
  constructor(private readonly http: HttpRequest) {}

  createProduct(
    seller: Account,
    product: { name?: string; sku: string; priceCents: number; currency?: string; stock?: number | null },
  ): Promise<Answer<ProductView>> {
    return this.http('POST', '/api/v1/products', {
      token: seller.accessToken,
      body: { name: `Product ${product.sku}`, currency: 'EUR', ...product },
    });
  }

  product(productId: string): Promise<Answer<ProductView>> {
    return this.http('GET', `/api/v1/products/${productId}`);
  }

  /** The product course made for a published paid course, once its event has been handled. */
  async courseProduct(courseId: string, accept: (product: ProductView) => boolean = () => true) {
    const found = await waitUntil(
      async () => {
        const page = await this.http('GET', `/api/v1/products?courseId=${courseId}`);
        return (page.body?.items?.[0] as ProductView | undefined) ?? null;
      },
      (product) => product !== null && accept(product),
      { timeoutMs: 15_000, intervalMs: 100, what: `the product of course ${courseId}` },
    );
    return found as ProductView;
  }

  place(
    buyer: Account,
    items: { productId: string; quantity?: number }[],
    idempotencyKey: string | null = randomUUID(),
  ): Promise<Answer<OrderView>> {
    return this.http('POST', '/api/v1/orders', {
      token: buyer.accessToken,
      headers: idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey },
      body: { items: items.map((item) => ({ productId: item.productId, quantity: item.quantity ?? 1 })) },
    });
  }

  pay(
    buyer: Account,
    orderId: string,
    token = VISA,
    idempotencyKey: string | null = randomUUID(),
  ): Promise<Answer<OrderView>> {
    return this.http('POST', `/api/v1/orders/${orderId}/pay`, {
      token: buyer.accessToken,
      headers: idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey },
      body: { paymentMethod: { type: 'card', token } },
    });
  }

  /** Places an order for one unit and pays it with a card that approves; fails loudly otherwise. */
  async buy(buyer: Account, productId: string): Promise<OrderView> {
    const placed = await this.place(buyer, [{ productId }]);
    if (placed.status !== 201) throw new Error(`place: ${placed.status} ${placed.text}`);
    const paid = await this.pay(buyer, placed.body.id);
    if (paid.status !== 200) throw new Error(`pay: ${paid.status} ${paid.text}`);
    return paid.body;
  }

  cancel(account: Account, orderId: string): Promise<Answer<OrderView>> {
    return this.http('POST', `/api/v1/orders/${orderId}/cancel`, { token: account.accessToken });
  }

  order(account: Account, orderId: string): Promise<Answer<OrderView>> {
    return this.http('GET', `/api/v1/orders/${orderId}`, { token: account.accessToken });
  }

  refund(
    admin: Account,
    orderId: string,
    body: { amountCents?: number; reason?: string; orderItemIds?: string[] } = {},
    idempotencyKey?: string,
  ): Promise<Answer<OrderView>> {
    return this.http('POST', `/api/v1/orders/${orderId}/refund`, {
      token: admin.accessToken,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      body: { reason: 'Customer request', ...body },
    });
  }

  invoice(account: Account, invoiceId: string): Promise<Answer<InvoiceView>> {
    return this.http('GET', `/api/v1/invoices/${invoiceId}`, { token: account.accessToken });
  }
}
