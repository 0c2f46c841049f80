import { randomBytes } from 'node:crypto';

/** What a processor request answers: an HTTP status and a JSON body. */
export interface ProcessorReply {
  status: number;
  body: unknown;
}

export interface ProcessorEvent {
  id: string;
  type: 'payment.captured' | 'payment.declined' | 'refund.succeeded';
  created: number;
  data: Record<string, unknown>;
}

interface Authorization {
  id: string;
  reference: string;
  amount: number;
  currency: string;
  status: 'authorized' | 'captured';
  captureId: string | null;
  refunded: number;
}

/** Test cards, as Stripe names them. Anything else is an invalid token. */
const DECLINES: Record<string, string> = {
  tok_chargeDeclined: 'generic_decline',
  tok_chargeDeclinedInsufficientFunds: 'insufficient_funds',
};
const APPROVED = new Set(['tok_visa', 'tok_mastercard']);

const objectId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;
const invalid = (code: string, message: string): ProcessorReply => ({
  status: 400,
  body: { error: { type: 'invalid_request_error', code, message } },
});
const isAmount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 99_999_999;

/**
 * The books of the test processor: authorizations, captures, refunds and the events they
 * raise. In memory; one process's worth of a processor. Counters let tests assert "one
 * capture", which is the point of idempotency.
 */
export class ProcessorLedger {
  readonly events: ProcessorEvent[] = [];
  readonly counts = { authorizations: 0, declines: 0, captures: 0, refunds: 0 };
  private readonly authorizations = new Map<string, Authorization>();
  private readonly refunds = new Map<
    string,
    { id: string; authorizationId: string; amount: number; reference: string }
  >();

  constructor(private readonly onEvent: (event: ProcessorEvent) => void) {}

  authorize(body: Record<string, unknown>): ProcessorReply {
    const { amount, currency, token, reference } = body;
    if (!isAmount(amount)) return invalid('amount_invalid', 'amount must be an integer from 1 to 99999999');
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
      return invalid('currency_invalid', 'bad currency');
    if (typeof reference !== 'string' || reference.length === 0)
      return invalid('reference_missing', 'reference required');
    if (typeof token !== 'string' || !(token in DECLINES || APPROVED.has(token))) {
      return invalid('token_invalid', 'No such token');
    }
    const declineCode = DECLINES[token];
    if (declineCode) {
      this.counts.declines += 1;
      this.emit('payment.declined', { reference, declineCode });
      return {
        status: 402,
        body: {
          error: {
            type: 'card_error',
            code: 'card_declined',
            declineCode,
            message: 'Your card was declined.',
          },
        },
      };
    }
    const authorization: Authorization = {
      id: objectId('auth'),
      reference,
      amount,
      currency,
      status: 'authorized',
      captureId: null,
      refunded: 0,
    };
    this.authorizations.set(authorization.id, authorization);
    this.counts.authorizations += 1;
    return { status: 201, body: authorization };
  }

  capture(authorizationId: string, body: Record<string, unknown>): ProcessorReply {
    const authorization = this.authorizations.get(authorizationId);
    if (!authorization)
      return { status: 404, body: { error: { type: 'invalid_request_error', code: 'not_found' } } };
    if (authorization.status === 'captured') return { status: 200, body: authorization };
    const amount = body.amount ?? authorization.amount;
    if (!isAmount(amount) || amount > authorization.amount)
      return invalid('amount_too_large', 'cannot capture that');
    authorization.status = 'captured';
    authorization.captureId = objectId('cap');
    this.counts.captures += 1;
    this.emit('payment.captured', {
      reference: authorization.reference,
      authorizationId: authorization.id,
      captureId: authorization.captureId,
      amount,
    });
    return { status: 200, body: authorization };
  }

  refund(body: Record<string, unknown>): ProcessorReply {
    const { capture, amount, reference } = body;
    const authorization = [...this.authorizations.values()].find((a) => a.captureId === capture);
    if (!authorization)
      return { status: 404, body: { error: { type: 'invalid_request_error', code: 'not_found' } } };
    if (typeof reference !== 'string' || reference.length === 0)
      return invalid('reference_missing', 'reference required');
    if (!isAmount(amount) || authorization.refunded + amount > authorization.amount) {
      return invalid('amount_too_large', 'Refund exceeds the captured amount not yet refunded');
    }
    authorization.refunded += amount;
    const refund = {
      id: objectId('re'),
      authorizationId: authorization.id,
      amount,
      reference,
      status: 'succeeded',
    };
    this.refunds.set(refund.id, refund);
    this.counts.refunds += 1;
    this.emit('refund.succeeded', { reference, refundId: refund.id, amount });
    return { status: 201, body: refund };
  }

  findByReference(reference: string): ProcessorReply {
    const data = [...this.authorizations.values()].filter((a) => a.reference === reference);
    return { status: 200, body: { data } };
  }

  capturesOf(reference: string): number {
    return [...this.authorizations.values()].filter((a) => a.reference === reference && a.captureId).length;
  }

  private emit(type: ProcessorEvent['type'], data: Record<string, unknown>): void {
    const event: ProcessorEvent = { id: objectId('evt'), type, created: Math.floor(Date.now() / 1000), data };
    this.events.push(event);
    this.onEvent(event);
  }
}
