import { Injectable } from '@nestjs/common';
import { CommercePatterns, type OrderView, type PayOrderRequest, RequestHandler } from '@platform/contracts';
import { PaymentsService } from './payments.service';

@Injectable()
export class PaymentsHandlers {
  constructor(private readonly payments: PaymentsService) {}

  @RequestHandler(CommercePatterns.payOrder)
  pay(request: PayOrderRequest): Promise<OrderView> {
    return this.payments.pay(request);
  }
}
