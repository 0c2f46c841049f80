import { Injectable } from '@nestjs/common';
import {
  CommercePatterns,
  type OrderView,
  type RefundOrderRequest,
  RequestHandler,
} from '@platform/contracts';
import { EnrollmentRejected, type EventData, type EventEnvelope, EventHandler } from '@platform/events';
import { RefundsService } from './refunds.service';

@Injectable()
export class RefundsHandlers {
  constructor(private readonly refunds: RefundsService) {}

  @RequestHandler(CommercePatterns.refundOrder)
  refund(request: RefundOrderRequest): Promise<OrderView> {
    return this.refunds.refund(request);
  }

  /** Course could not enroll a paid item: refund it automatically (the refund event says why). */
  @EventHandler(EnrollmentRejected, { consumer: 'enrollment-rejected-refunds' })
  async onEnrollmentRejected(event: EventEnvelope<EventData<typeof EnrollmentRejected>>): Promise<void> {
    await this.refunds.refundRejectedItem(event.data.orderId, event.data.orderItemId, event.data.reason);
  }
}
