import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConflictError, UnavailableError, newId } from '@platform/common';
import { requireRole } from '@platform/auth';
import { type OrderView, type RefundOrderRequest } from '@platform/contracts';
import { afterCommit, runInTransaction } from '@platform/database';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { OrderItemsRepository } from '../orders/order-items.repository';
import { OrderQueries } from '../orders/order-queries';
import { invalidState } from '../orders/order-status';
import { OrdersRepository } from '../orders/orders.repository';
import {
  PAYMENT_PROVIDER,
  type PaymentProvider,
  PaymentProviderError,
} from '../payments/payment-provider.port';
import { PaymentsRepository } from '../payments/payments.repository';
import { type Refund } from './refund.entity';
import { exceeds, planRefund, type RefundAsk } from './refund-plan';
import { RefundSettlement } from './refund-settlement.service';
import { RefundsRepository } from './refunds.repository';

export interface RefundRequestInput extends RefundAsk {
  orderId: string;
  reason: string;
  automaticReason: string | null;
  requestedBy: string | null;
  idempotencyKey: string | null;
}

/**
 * Refunds in two steps, like payments: (1) in a transaction that locks the order, plan the
 * refund, tie its items and reserve its amount on the payment with one conditional UPDATE
 * (so concurrent refunds can never pass the captured amount); (2) outside it, ask the
 * processor with the refund id as idempotency key, then settle. A refund whose processor
 * call failed for a passing reason stays pending and the retry job sends it again.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    private readonly refunds: RefundsRepository,
    private readonly orders: OrdersRepository,
    private readonly items: OrderItemsRepository,
    private readonly payments: PaymentsRepository,
    private readonly settlement: RefundSettlement,
    private readonly queries: OrderQueries,
    private readonly idempotency: IdempotencyService,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(COMMERCE_CONFIG) private readonly config: CommerceConfig,
  ) {}

  /** An admin's refund (`POST /orders/:id/refund`). */
  async refund(request: RefundOrderRequest): Promise<OrderView> {
    const admin = requireRole('admin');
    const input: RefundRequestInput = {
      orderId: request.orderId,
      amountCents: request.amountCents,
      orderItemIds: request.orderItemIds,
      reason: request.reason,
      automaticReason: null,
      requestedBy: admin.userId,
      idempotencyKey: request.idempotencyKey ?? null,
    };
    const run = async (): Promise<OrderView> => {
      const earlier =
        input.idempotencyKey &&
        (await this.refunds.findByIdempotencyKey(input.orderId, input.idempotencyKey));
      const refund = earlier || (await runInTransaction(() => this.request(input)));
      if (refund.status === 'pending') await this.send(refund);
      return this.queries.view(await this.orders.getById(input.orderId));
    };
    if (!input.idempotencyKey) return run();
    return this.idempotency.execute(
      { userId: admin.userId, operation: 'orders.refund', key: input.idempotencyKey },
      request,
      run,
    );
  }

  /**
   * Records a pending refund with its amount reserved; joins the caller's transaction (an
   * event handler's, for automatic refunds). Send it with `send` after commit.
   */
  async request(input: RefundRequestInput): Promise<Refund> {
    const order = await this.orders.lockById(input.orderId);
    if (order.status !== 'paid' && order.status !== 'partially_refunded') {
      throw invalidState(order.id, order.status, 'refund', ['paid', 'partially_refunded']);
    }
    const payment = await this.payments.getById(order.paymentId as string);
    const plan = planRefund(
      await this.items.findByOrderId(order.id),
      payment.amountCents - payment.refundedCents,
      input,
    );
    const refundId = newId();
    const revokeIds = plan.revoke.map((item) => item.id);
    const tied = await this.items.claimForRefund(revokeIds, refundId);
    if (tied.length !== revokeIds.length) {
      throw new ConflictError('Some items were refunded already', {
        code: 'INVALID_STATE',
        details: { orderItemIds: revokeIds },
      });
    }
    if (!(await this.payments.reserveRefund(payment.id, plan.amountCents))) {
      const now = await this.payments.getById(payment.id);
      throw exceeds(now.amountCents - now.refundedCents, plan.amountCents);
    }
    return this.refunds.create({
      id: refundId,
      orderId: order.id,
      paymentId: payment.id,
      status: 'pending',
      amountCents: plan.amountCents,
      reason: input.reason,
      automaticReason: input.automaticReason,
      orderItemIds: revokeIds,
      requestedBy: input.requestedBy,
      idempotencyKey: input.idempotencyKey,
      nextCheckAt: new Date(Date.now() + this.config.PAYMENT_RECONCILE_AFTER_SECONDS * 1_000),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
  }

  /**
   * A paid course item that course could not turn into an enrollment (course.enrollment.rejected):
   * refund it, so a buyer who paid is enrolled or refunded, always. Runs in the event
   * handler's transaction; the processor is asked after it commits. Nothing to do when the
   * item was refunded already or nothing is left to refund.
   */
  async refundRejectedItem(orderId: string, orderItemId: string, reason: string): Promise<Refund | null> {
    const order = await this.orders.lockById(orderId);
    const item = (await this.items.findByOrderId(orderId)).find((candidate) => candidate.id === orderItemId);
    if (
      !item ||
      item.refundId !== null ||
      (order.status !== 'paid' && order.status !== 'partially_refunded')
    ) {
      this.logger.warn(
        `Enrollment rejected for item ${orderItemId} of order ${orderId}: nothing left to refund`,
      );
      return null;
    }
    const payment = await this.payments.getById(order.paymentId as string);
    const remaining = payment.amountCents - payment.refundedCents;
    if (remaining <= 0) return null;
    const refund = await this.request({
      orderId,
      orderItemIds: [orderItemId],
      amountCents: Math.min(item.lineTotalCents, remaining),
      reason: `Enrollment was not possible: ${reason}`,
      automaticReason: reason,
      requestedBy: null,
      idempotencyKey: null,
    });
    this.sendAfterCommit(refund);
    return refund;
  }

  /** Sends a pending refund to the processor once the transaction that recorded it has committed. */
  sendAfterCommit(refund: Refund): void {
    afterCommit(() =>
      this.send(refund).catch((error: unknown) =>
        this.logger.warn(`Refund ${refund.id} stays pending, the retry job sends it again: ${String(error)}`),
      ),
    );
  }

  /** Asks the processor for the money back and settles the refund (idempotent by refund id). */
  async send(refund: Refund): Promise<void> {
    const payment = await this.payments.getById(refund.paymentId);
    try {
      const { refundId: providerRefundId } = await this.provider.refund({
        reference: refund.id,
        captureId: payment.providerCaptureId as string,
        amountCents: refund.amountCents,
      });
      await this.settlement.succeeded(refund, providerRefundId);
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      if (!error.transient) {
        await this.settlement.failed(refund, error.message);
        throw new ConflictError('The payment processor refused the refund; nothing was refunded', {
          details: { refundId: refund.id, processorCode: error.code },
        });
      }
      throw new UnavailableError(
        'The refund is recorded and will be sent to the payment processor again shortly',
        {
          details: { refundId: refund.id },
          cause: error,
        },
      );
    }
  }
}
