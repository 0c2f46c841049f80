import { Injectable } from '@nestjs/common';
import {
  type EventData,
  type EventEnvelope,
  EventHandler,
  OrderCanceled,
  OrderExpired,
  OrderPaid,
  OrderRefunded,
} from '@platform/events';
import { PurchasesService } from './purchases.service';

/** commerce's order events, as they concern course seats and enrollments. */
@Injectable()
export class PurchasesHandlers {
  constructor(private readonly purchases: PurchasesService) {}

  @EventHandler(OrderPaid, { consumer: 'enroll-on-order-paid' })
  async onOrderPaid(event: EventEnvelope<EventData<typeof OrderPaid>>): Promise<void> {
    await this.purchases.enrollPaidOrder(event.data);
  }

  @EventHandler(OrderCanceled, { consumer: 'release-seats-on-order-canceled' })
  async onOrderCanceled(event: EventEnvelope<EventData<typeof OrderCanceled>>): Promise<void> {
    await this.purchases.releaseHolds(event.data);
  }

  @EventHandler(OrderExpired, { consumer: 'release-seats-on-order-expired' })
  async onOrderExpired(event: EventEnvelope<EventData<typeof OrderExpired>>): Promise<void> {
    await this.purchases.releaseHolds(event.data);
  }

  @EventHandler(OrderRefunded, { consumer: 'revoke-enrollments-on-order-refunded' })
  async onOrderRefunded(event: EventEnvelope<EventData<typeof OrderRefunded>>): Promise<void> {
    await this.purchases.revokeRefundedItems(event.data);
  }
}
