import { Injectable } from '@nestjs/common';
import {
  CommercePatterns,
  type PaymentWebhookAck,
  type PaymentWebhookRequest,
  RequestHandler,
} from '@platform/contracts';
import { PaymentWebhooksService } from './payment-webhooks.service';

@Injectable()
export class PaymentWebhooksHandlers {
  constructor(private readonly webhooks: PaymentWebhooksService) {}

  @RequestHandler(CommercePatterns.receivePaymentWebhook)
  receive(request: PaymentWebhookRequest): Promise<PaymentWebhookAck> {
    return this.webhooks.receive(request);
  }
}
