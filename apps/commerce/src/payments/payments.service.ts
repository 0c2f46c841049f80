import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, PaymentRequiredError, UnavailableError, newId } from '@platform/common';
import { currentActor } from '@platform/auth';
import { type OrderView, type PayOrderRequest } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { type Order } from '../orders/order.entity';
import { OrderQueries } from '../orders/order-queries';
import { OrdersRepository } from '../orders/orders.repository';
import { OrdersService } from '../orders/orders.service';
import { type Payment } from './payment.entity';
import { PAYMENT_PROVIDER, type PaymentProvider, PaymentProviderError } from './payment-provider.port';
import { PaymentSettlement } from './payment-settlement.service';
import { PaymentsRepository } from './payments.repository';

/**
 * Pays orders: mark the order as paying (one conditional UPDATE, so a second payment or a
 * cancel cannot slip in), record a pending payment, then — outside any transaction —
 * authorize and capture at the processor with the payment id as idempotency key, then
 * settle. An unknown outcome (timeout, 5xx) leaves the payment pending: a retry with the
 * same Idempotency-Key, the processor's webhook or the reconciler settles it, never twice.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly ordersService: OrdersService,
    private readonly queries: OrderQueries,
    private readonly payments: PaymentsRepository,
    private readonly settlement: PaymentSettlement,
    private readonly idempotency: IdempotencyService,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(COMMERCE_CONFIG) private readonly config: CommerceConfig,
  ) {}

  pay(request: PayOrderRequest): Promise<OrderView> {
    const { userId } = currentActor();
    return this.idempotency.execute(
      { userId, operation: 'orders.pay', key: request.idempotencyKey },
      request,
      () => this.payOnce(userId, request),
    );
  }

  private async payOnce(userId: string, request: PayOrderRequest): Promise<OrderView> {
    const order = await this.orders.getById(request.orderId);
    if (order.userId !== userId) throw new ForbiddenError('Only the buyer may pay this order');
    // An earlier run of this very request (it died, or the processor's answer was lost).
    const earlier = await this.payments.findLatestByKey(order.id, request.idempotencyKey);
    if (earlier && earlier.status !== 'failed')
      return this.resume(earlier, order, request.paymentMethod.token);
    return this.drive(await this.start(order, request), request.paymentMethod.token);
  }

  private start(order: Order, request: PayOrderRequest): Promise<Payment> {
    const paymentId = newId();
    return runInTransaction(async () => {
      const paying = await this.orders.startPayment(order.id, paymentId);
      if (!paying) throw await this.ordersService.whyNot(order.id, 'pay');
      return this.payments.create({
        id: paymentId,
        orderId: order.id,
        userId: order.userId,
        status: 'pending',
        amountCents: paying.totalCents,
        currency: paying.currency,
        provider: this.provider.name,
        idempotencyKey: request.idempotencyKey,
        refundedCents: 0,
        nextCheckAt: new Date(Date.now() + this.config.PAYMENT_RECONCILE_AFTER_SECONDS * 1_000),
      });
    });
  }

  private async resume(payment: Payment, order: Order, token: string): Promise<OrderView> {
    if (payment.status === 'captured') return this.queries.view(await this.orders.getById(order.id));
    if (payment.status === 'declined') throw declined(payment, payment.declineCode ?? 'declined');
    return this.drive(payment, token);
  }

  private async drive(payment: Payment, token: string): Promise<OrderView> {
    try {
      if (payment.amountCents === 0) {
        // Nothing to charge (a free product): no processor involved.
        return this.queries.view((await this.settlement.captured(payment, 'free', 'free')).order);
      }
      const authorization = await this.provider.authorize({
        reference: payment.id,
        amountCents: payment.amountCents,
        currency: payment.currency,
        token,
      });
      if (authorization.outcome === 'declined') {
        await this.settlement.uncaptured(payment, 'declined', authorization.declineCode);
        throw declined(payment, authorization.declineCode);
      }
      const { captureId } = await this.provider.capture(authorization.authorizationId, payment.amountCents);
      const { order } = await this.settlement.captured(payment, authorization.authorizationId, captureId);
      return this.queries.view(order);
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      if (!error.transient) {
        await this.settlement.uncaptured(payment, 'failed', error.code ?? 'processor_refused');
        throw new UnavailableError('The payment processor refused the payment; nothing was charged', {
          details: { paymentId: payment.id },
          cause: error,
        });
      }
      throw new UnavailableError(
        'The payment processor did not confirm the payment in time; retry with the same Idempotency-Key to learn the outcome',
        { details: { paymentId: payment.id }, cause: error },
      );
    }
  }
}

function declined(payment: Payment, declineCode: string): PaymentRequiredError {
  return new PaymentRequiredError('The payment was declined; the order can still be paid with another card', {
    code: 'PAYMENT_DECLINED',
    details: { orderId: payment.orderId, paymentId: payment.id, declineCode },
  });
}
