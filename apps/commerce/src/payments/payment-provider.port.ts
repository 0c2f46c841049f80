/**
 * A payment processor as commerce needs it. Our payment id is the `reference` of an
 * authorization and its idempotency key; our refund id likewise for refunds: asking again
 * after a crash or a lost response returns the first result instead of charging twice.
 */
export interface PaymentProvider {
  /** Name stored with payments and used in the webhook route (`/webhooks/payments/:provider`). */
  readonly name: string;
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>;
  /** Idempotent: capturing a captured authorization returns the same capture. */
  capture(authorizationId: string, amountCents: number): Promise<{ captureId: string }>;
  refund(input: RefundInput): Promise<{ refundId: string }>;
  /** What the processor knows of our payment `reference`, or null if it never saw it. */
  findPayment(reference: string): Promise<ProviderPayment | null>;
  /** Verifies the signature of a webhook and reads it; UNAUTHENTICATED when it is forged or stale. */
  parseWebhook(payload: string, signature: string): ProviderEvent;
}

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

export interface AuthorizeInput {
  reference: string;
  amountCents: number;
  currency: string;
  token: string;
}

export type AuthorizeResult =
  | { outcome: 'approved'; authorizationId: string }
  | { outcome: 'declined'; declineCode: string; message: string };

export interface RefundInput {
  reference: string;
  captureId: string;
  amountCents: number;
}

export interface ProviderPayment {
  authorizationId: string;
  status: 'authorized' | 'captured';
  captureId: string | null;
  amountCents: number;
}

export type ProviderEvent =
  | { id: string; type: 'payment.captured'; reference: string; authorizationId: string; captureId: string }
  | { id: string; type: 'payment.declined'; reference: string; declineCode: string }
  | { id: string; type: 'refund.succeeded'; reference: string; refundId: string }
  | { id: string; type: 'other'; originalType: string };

/**
 * The processor could not be asked or refused the request itself (not a decline). `transient`
 * when the outcome is unknown or a retry may succeed (network, timeout, 5xx, 429): the
 * payment or refund then stays pending and is settled later, never guessed.
 */
export class PaymentProviderError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}
