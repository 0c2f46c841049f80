import { Inject, Injectable, Logger } from '@nestjs/common';
import { NotFoundError, ValidationError, isUuid } from '@platform/common';
import { type PaymentWebhookAck, type PaymentWebhookRequest } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import {
  PAYMENT_PROVIDER,
  type PaymentProvider,
  type ProviderEvent,
} from '../payments/payment-provider.port';
import { PaymentSettlement } from '../payments/payment-settlement.service';
import { PaymentsRepository } from '../payments/payments.repository';
import { RefundSettlement } from '../refunds/refund-settlement.service';
import { RefundsRepository } from '../refunds/refunds.repository';
import { WebhookEventsRepository } from './webhook-events.repository';

type Outcome = PaymentWebhookAck['outcome'];

/**
 * The processor's confirmations. Each event is applied in one transaction with its row in
 * payment_webhook_events, keyed by the processor's event id: processors deliver at least
 * once, so the same event twice changes nothing the second time. A confirmation of what
 * the paying request already recorded only marks it confirmed; one for a payment whose
 * request died mid-way settles it (the same code path as the request).
 */
@Injectable()
export class PaymentWebhooksService {
  private readonly logger = new Logger(PaymentWebhooksService.name);

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly events: WebhookEventsRepository,
    private readonly payments: PaymentsRepository,
    private readonly settlement: PaymentSettlement,
    private readonly refunds: RefundsRepository,
    private readonly refundSettlement: RefundSettlement,
  ) {}

  async receive(request: PaymentWebhookRequest): Promise<PaymentWebhookAck> {
    if (request.provider !== this.provider.name) {
      throw new NotFoundError(`No payment provider "${request.provider}" is configured`);
    }
    const event = this.provider.parseWebhook(request.payload, request.signature);
    if (!event.id || event.id.length > 100) throw new ValidationError('The webhook has no usable event id');
    return runInTransaction(async () => {
      const type = event.type === 'other' ? event.originalType : event.type;
      if (!(await this.events.record(this.provider.name, event.id, type.slice(0, 64)))) {
        return { eventId: event.id, outcome: 'duplicate' };
      }
      const outcome = await this.apply(event);
      await this.events.setOutcome(this.provider.name, event.id, outcome);
      return { eventId: event.id, outcome };
    });
  }

  private async apply(event: ProviderEvent): Promise<Outcome> {
    if (event.type === 'other' || !isUuid(event.reference)) return 'ignored';
    if (event.type === 'refund.succeeded') {
      const refund = await this.refunds.findById(event.reference);
      if (!refund) return 'ignored';
      if (refund.status !== 'pending') return 'already_applied';
      return (await this.refundSettlement.succeeded(refund, event.refundId)) ? 'applied' : 'already_applied';
    }
    const payment = await this.payments.findById(event.reference);
    if (!payment) return 'ignored';
    if (event.type === 'payment.declined') {
      return (await this.settlement.uncaptured(payment, 'declined', event.declineCode))
        ? 'applied'
        : 'already_applied';
    }
    if (payment.status === 'captured') {
      await this.payments.confirm(payment.id);
      return 'already_applied';
    }
    if (payment.status !== 'pending') {
      this.logger.error(
        `Processor captured payment ${payment.id}, which is ${payment.status}: refund it by hand`,
      );
      return 'ignored';
    }
    // Pending as read here, but the paying request may settle it first: settlement decides.
    const { applied } = await this.settlement.captured(payment, event.authorizationId, event.captureId);
    await this.payments.confirm(payment.id);
    return applied ? 'applied' : 'already_applied';
  }
}
