import { UnauthenticatedError, ValidationError, histogram } from '@platform/common';
import {
  type AuthorizeInput,
  type AuthorizeResult,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderEvent,
  type ProviderPayment,
  type RefundInput,
} from './payment-provider.port';
import { webhookSignatureProblem } from './webhook-signature';

export interface HttpProviderOptions {
  name: string;
  baseUrl: string;
  apiKey: string;
  webhookSecret: string;
  timeoutMs: number;
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

type ProcessorError = { type?: string; code?: string; declineCode?: string; message?: string };

const providerLatency = histogram('payment_provider_duration_seconds', 'Calls to the payment processor', [
  'operation',
  'status',
]);

/**
 * The PaymentProvider port over the processor's HTTP API (the built-in test processor
 * speaks it; a real processor gets its own adapter behind the same port). Declines are
 * answers, not errors; timeouts, 5xx and 429 are transient errors (outcome unknown).
 */
export class HttpPaymentProvider implements PaymentProvider {
  readonly name: string;

  constructor(private readonly options: HttpProviderOptions) {
    this.name = options.name;
  }

  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const reply = await this.call('authorize', 'POST', '/v1/authorizations', {
      body: {
        amount: input.amountCents,
        currency: input.currency,
        token: input.token,
        reference: input.reference,
      },
      idempotencyKey: input.reference,
    });
    if (reply.status === 200 || reply.status === 201) {
      return { outcome: 'approved', authorizationId: String(reply.body.id) };
    }
    const error = (reply.body.error ?? {}) as ProcessorError;
    if (reply.status === 402) {
      return {
        outcome: 'declined',
        declineCode: error.declineCode ?? error.code ?? 'declined',
        message: error.message ?? 'Declined',
      };
    }
    if (reply.status === 400 && error.code === 'token_invalid') {
      return {
        outcome: 'declined',
        declineCode: 'invalid_payment_method',
        message: 'The card token is not valid',
      };
    }
    throw refused(reply);
  }

  async capture(authorizationId: string, amountCents: number): Promise<{ captureId: string }> {
    const reply = await this.call(
      'capture',
      'POST',
      `/v1/authorizations/${encodeURIComponent(authorizationId)}/capture`,
      {
        body: { amount: amountCents },
      },
    );
    if (reply.status !== 200 || typeof reply.body.captureId !== 'string') throw refused(reply);
    return { captureId: reply.body.captureId };
  }

  async refund(input: RefundInput): Promise<{ refundId: string }> {
    const reply = await this.call('refund', 'POST', '/v1/refunds', {
      body: { capture: input.captureId, amount: input.amountCents, reference: input.reference },
      idempotencyKey: input.reference,
    });
    if ((reply.status !== 200 && reply.status !== 201) || typeof reply.body.id !== 'string')
      throw refused(reply);
    return { refundId: reply.body.id };
  }

  async findPayment(reference: string): Promise<ProviderPayment | null> {
    const reply = await this.call(
      'find',
      'GET',
      `/v1/authorizations?reference=${encodeURIComponent(reference)}`,
    );
    if (reply.status !== 200 || !Array.isArray(reply.body.data)) throw refused(reply);
    const found = (reply.body.data as Record<string, unknown>[])[0];
    if (!found) return null;
    return {
      authorizationId: String(found.id),
      status: found.status === 'captured' ? 'captured' : 'authorized',
      captureId: typeof found.captureId === 'string' ? found.captureId : null,
      amountCents: Number(found.amount),
    };
  }

  parseWebhook(payload: string, signature: string): ProviderEvent {
    const problem = webhookSignatureProblem(this.options.webhookSecret, payload, signature);
    if (problem) throw new UnauthenticatedError(`Webhook refused: ${problem}`);
    let event: unknown;
    try {
      event = JSON.parse(payload);
    } catch {
      throw new ValidationError('The webhook payload is not JSON');
    }
    if (!isEvent(event)) throw new ValidationError('The webhook payload is not an event (id, type, data)');
    const data = event.data;
    const id = event.id;
    switch (event.type) {
      case 'payment.captured':
        return {
          id,
          type: 'payment.captured',
          reference: String(data.reference),
          authorizationId: String(data.authorizationId),
          captureId: String(data.captureId),
        };
      case 'payment.declined':
        return {
          id,
          type: 'payment.declined',
          reference: String(data.reference),
          declineCode: String(data.declineCode),
        };
      case 'refund.succeeded':
        return {
          id,
          type: 'refund.succeeded',
          reference: String(data.reference),
          refundId: String(data.refundId),
        };
      default:
        return { id, type: 'other', originalType: event.type };
    }
  }

  private async call(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; idempotencyKey?: string } = {},
  ): Promise<Reply> {
    const stopTimer = providerLatency.startTimer({ operation });
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      stopTimer({ status: 'unreachable' });
      throw new PaymentProviderError(`The payment processor did not answer (${describe(error)})`, true);
    }
    stopTimer({ status: String(response.status) });
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (response.status >= 500 || response.status === 429 || body === null) {
      throw new PaymentProviderError(`The payment processor failed (HTTP ${response.status})`, true);
    }
    return { status: response.status, body };
  }
}

function isEvent(value: unknown): value is { id: string; type: string; data: Record<string, unknown> } {
  if (typeof value !== 'object' || value === null) return false;
  const { id, type, data } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    typeof type === 'string' &&
    typeof data === 'object' &&
    data !== null
  );
}

function refused(reply: Reply): PaymentProviderError {
  const error = (reply.body.error ?? {}) as ProcessorError;
  return new PaymentProviderError(
    `The payment processor refused the request (HTTP ${reply.status}, ${error.code ?? error.type ?? 'unknown'})`,
    false,
    error.code,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.name === 'TimeoutError' ? 'timeout' : error.message) : String(error);
}
