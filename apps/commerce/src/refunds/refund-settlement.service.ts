import { Injectable } from '@nestjs/common';
import { newId } from '@platform/common';
import { afterCommit, runInTransaction } from '@platform/database';
import { EventPublisher, OrderRefunded } from '@platform/events';
import { InvoicesService } from '../invoices/invoices.service';
import { OrderItemsRepository } from '../orders/order-items.repository';
import { orderRef, toEventItem } from '../orders/order.views';
import { OrdersRepository } from '../orders/orders.repository';
import { PaymentsRepository } from '../payments/payments.repository';
import { commerceMetrics } from '../shared/commerce.metrics';
import { type Refund } from './refund.entity';
import { RefundsRepository } from './refunds.repository';

/**
 * Writes a refund's outcome, once (conditional UPDATE from `pending`), whoever learns it:
 * the admin's request, the processor's webhook, or the retry job.
 */
@Injectable()
export class RefundSettlement {
  constructor(
    private readonly refunds: RefundsRepository,
    private readonly orders: OrdersRepository,
    private readonly items: OrderItemsRepository,
    private readonly payments: PaymentsRepository,
    private readonly invoices: InvoicesService,
    private readonly events: EventPublisher,
  ) {}

  /** Money went back: order totals and status, revoked items, a credit note and `commerce.order.refunded`. */
  succeeded(refund: Refund, providerRefundId: string): Promise<boolean> {
    return runInTransaction(async () => {
      const creditNoteId = newId();
      const settled = await this.refunds.settle(refund.id, {
        status: 'succeeded',
        providerRefundId,
        creditNoteId,
      });
      if (!settled) return false;
      afterCommit(() => commerceMetrics.refunds.inc({ outcome: 'succeeded' }));
      const order = await this.orders.addRefunded(settled.orderId, settled.amountCents);
      if (!order) throw new Error(`Order ${settled.orderId} of refund ${settled.id} cannot take a refund`);
      await this.items.markRefunded(settled.id);
      const revoked = (await this.items.findByOrderId(order.id)).filter(
        (item) => item.refundId === settled.id,
      );
      await this.invoices.issueCreditNote(order, settled, revoked, creditNoteId);
      await this.events.publish(OrderRefunded, {
        aggregateId: order.id,
        data: {
          ...orderRef(order),
          refundId: settled.id,
          amountCents: settled.amountCents,
          totalRefundedCents: order.refundedCents,
          fullyRefunded: order.status === 'refunded',
          reason: settled.reason,
          automaticReason: settled.automaticReason,
          revokedItems: revoked.map(toEventItem),
        },
      });
      return true;
    });
  }

  /** The processor refused for good: the reserved amount and the items are free again. */
  failed(refund: Refund, failureReason: string): Promise<boolean> {
    return runInTransaction(async () => {
      const settled = await this.refunds.settle(refund.id, {
        status: 'failed',
        failureReason: failureReason.slice(0, 200),
      });
      if (!settled) return false;
      afterCommit(() => commerceMetrics.refunds.inc({ outcome: 'failed' }));
      await this.payments.releaseRefund(settled.paymentId, settled.amountCents);
      await this.items.releaseFromRefund(settled.id);
      return true;
    });
  }
}
