import { newId } from '@platform/common';
import {
  CommercePatterns,
  type CreateProductRequest,
  type OrderItemInput,
  type OrderView,
  type ProductView,
} from '@platform/contracts';
import { type CommerceHarness, type TestUser, newUser } from './commerce-harness';

export const admin = newUser('admin');

let skuCounter = 0;
export const uniqueSku = (prefix = 'SKU'): string =>
  `${prefix}-${Date.now().toString(36)}-${(skuCounter += 1)}`;

export function createProduct(
  harness: CommerceHarness,
  overrides: Partial<CreateProductRequest> = {},
  by: TestUser = admin,
): Promise<ProductView> {
  return harness.send(by, CommercePatterns.createProduct, {
    name: 'TypeScript workbook',
    sku: uniqueSku(),
    priceCents: 2_500,
    currency: 'EUR',
    ...overrides,
  });
}

export function placeOrder(
  harness: CommerceHarness,
  buyer: TestUser,
  items: OrderItemInput[],
  idempotencyKey: string = newId(),
): Promise<OrderView> {
  return harness.send(buyer, CommercePatterns.placeOrder, { items, idempotencyKey });
}

export function payOrder(
  harness: CommerceHarness,
  buyer: TestUser,
  orderId: string,
  token = 'tok_visa',
  idempotencyKey: string = newId(),
): Promise<OrderView> {
  return harness.send(buyer, CommercePatterns.payOrder, {
    orderId,
    paymentMethod: { type: 'card', token },
    idempotencyKey,
  });
}

/** Settles every promise and sorts the outcomes: values, and error codes with their counts. */
export async function tally<T>(work: Promise<T>[]): Promise<{ values: T[]; errors: Record<string, number> }> {
  const outcomes = await Promise.allSettled(work);
  const values: T[] = [];
  const errors: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') values.push(outcome.value);
    else {
      const code = (outcome.reason as { code?: string }).code ?? String(outcome.reason);
      errors[code] = (errors[code] ?? 0) + 1;
    }
  }
  return { values, errors };
}

/** The error a payment attempt fails with. */
export function payFailure(
  harness: CommerceHarness,
  buyer: TestUser,
  orderId: string,
  token = 'tok_visa',
  idempotencyKey: string = newId(),
): Promise<{ code: string; message: string; details?: unknown }> {
  return harness.failure(buyer, CommercePatterns.payOrder, {
    orderId,
    paymentMethod: { type: 'card', token },
    idempotencyKey,
  });
}
