import { Injectable, Logger } from '@nestjs/common';
import { newId } from '@platform/common';
import { afterCommit, runInTransaction } from '@platform/database';
import { EventPublisher, InvoiceIssued, OrderPaid, PaymentFailed } from '@platform/events';
import { InventoryService } from '../inventory/inventory.service';
import { InvoicesService } from '../invoices/invoices.service';
import { type Order } from '../orders/order.entity';
import { OrderItemsRepository } from '../orders/order-items.repository';
import { orderRef, toEventItem } from '../orders/order.views';
import { OrdersRepository } from '../orders/orders.repository';
import { commerceMetrics } from '../shared/commerce.metrics';
import { type Payment } from './payment.entity';
import { PaymentsRepository } from './payments.repository';

export interface Settled {
  order: Order;
  /** False when someone else (webhook, reconciler, a retry) had settled it already. */
  applied: boolean;
}

/**
 * The one place a payment's outcome is written, whoever learns it first: the paying
 * request, the processor's webhook, or the reconciler. Each write starts with a
 * conditional UPDATE from `pending`, so the outcome is applied exactly once.
 */
@Injectable()
export class PaymentSettlement {
  private readonly logger = new Logger(PaymentSettlement.name);

  constructor(
    private readonly payments: PaymentsRepository,
    private readonly orders: OrdersRepository,
    private readonly items: OrderItemsRepository,
    private readonly inventory: InventoryService,
    private readonly invoices: InvoicesService,
    private readonly events: EventPublisher,
  ) {}

  /**
   * Captured: the payment, the order (paid), its stock (consumed), its invoice (numbered
   * from the counter row this transaction locks) and the events, all in one transaction.
   */
  async captured(payment: Payment, authorizationId: string, captureId: string): Promise<Settled> {
    const settled = await this.capture(payment, authorizationId, captureId);
    if (settled.applied) commerceMetrics.payments.inc({ outcome: 'captured' });
    return settled;
  }

  private capture(payment: Payment, authorizationId: string, captureId: string): Promise<Settled> {
    return runInTransaction(async () => {
      const settled = await this.payments.settleCaptured(payment.id, authorizationId, captureId);
      if (!settled) {
        const current = await this.payments.getById(payment.id);
        if (current.status !== 'captured') {
          // Only possible if the reconciler gave the payment up while its request still ran.
          this.logger.error(
            `Processor captured payment ${payment.id}, which is ${current.status}: refund it by hand`,
          );
        }
        return { order: await this.orders.getById(payment.orderId), applied: false };
      }
      const invoiceId = newId();
      const order = await this.orders.markPaid(payment.orderId, payment.id, invoiceId);
      if (!order) throw new Error(`Order ${payment.orderId} was not waiting for payment ${payment.id}`);
      const items = await this.items.findByOrderId(order.id);
      await this.inventory.consume(items.filter((item) => item.isStockReserved));
      const paidAt = (order.paidAt ?? new Date()).toISOString();
      await this.events.publish(OrderPaid, {
        aggregateId: order.id,
        data: {
          ...orderRef(order),
          items: items.map(toEventItem),
          totalCents: order.totalCents,
          paymentId: payment.id,
          invoiceId,
          paidAt,
        },
      });
      // Numbered last: the counter row stays locked until commit, so hold it as briefly as possible.
      const invoice = await this.invoices.issueInvoice(invoiceId, order, items);
      await this.events.publish(InvoiceIssued, {
        aggregateId: order.id,
        data: {
          ...orderRef(order),
          invoiceId,
          number: invoice.number,
          totalCents: invoice.totalCents,
          issuedAt: invoice.issuedAt.toISOString(),
        },
      });
      return { order, applied: true };
    });
  }

  /** Not captured (declined, or given up): the order is payable again. */
  uncaptured(payment: Payment, status: 'declined' | 'failed', declineCode: string): Promise<boolean> {
    return runInTransaction(async () => {
      const settled = await this.payments.settleUncaptured(payment.id, status, declineCode);
      if (!settled) return false;
      afterCommit(() => commerceMetrics.payments.inc({ outcome: status }));
      await this.orders.endPayment(payment.orderId, payment.id);
      await this.events.publish(PaymentFailed, {
        aggregateId: payment.orderId,
        data: {
          orderId: payment.orderId,
          userId: payment.userId,
          currency: payment.currency,
          paymentId: payment.id,
          amountCents: payment.amountCents,
          declineCode,
        },
      });
      return true;
    });
  }
}
