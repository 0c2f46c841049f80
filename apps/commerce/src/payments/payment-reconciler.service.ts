import { Inject, Injectable } from '@nestjs/common';
import { runInTransaction } from '@platform/database';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { BackgroundJob } from '../shared/background-job';
import { type Payment } from './payment.entity';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider.port';
import { PaymentSettlement } from './payment-settlement.service';
import { PaymentsRepository } from './payments.repository';

const BATCH = 20;
/** A payment the processor never saw, this many reconcile periods old, was never sent: no request still runs for it. */
const GIVE_UP_AFTER_PERIODS = 10;

/**
 * Settles payments left pending by a process that died or lost the processor's answer:
 * asks the processor what it knows of our reference, then captures what is authorized and
 * records what is captured (settlement applies it once), or gives up a payment the
 * processor never saw. Each payment is claimed by one replica (SKIP LOCKED).
 */
@Injectable()
export class PaymentReconciler extends BackgroundJob {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly settlement: PaymentSettlement,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(COMMERCE_CONFIG) private readonly config: CommerceConfig,
  ) {
    super('PaymentReconciler', config.COMMERCE_JOBS_INTERVAL_MS);
  }

  protected work(): Promise<number> {
    return this.reconcileDue();
  }

  /** Settles what it can of the due payments; returns how many it settled. */
  async reconcileDue(): Promise<number> {
    const retry = this.config.PAYMENT_RECONCILE_AFTER_SECONDS;
    const due = await runInTransaction(() => this.payments.claimStale(BATCH, retry));
    let settled = 0;
    for (const payment of due) {
      try {
        if (await this.reconcile(payment)) settled += 1;
      } catch (error) {
        this.logger.warn(
          `Payment ${payment.id} still unsettled: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return settled;
  }

  private async reconcile(payment: Payment): Promise<boolean> {
    const known = await this.provider.findPayment(payment.id);
    if (known?.status === 'captured' && known.captureId) {
      return (await this.settlement.captured(payment, known.authorizationId, known.captureId)).applied;
    }
    if (known) {
      // Authorized, capture lost: the buyer asked to pay and the order waited, so finish it.
      const { captureId } = await this.provider.capture(known.authorizationId, payment.amountCents);
      return (await this.settlement.captured(payment, known.authorizationId, captureId)).applied;
    }
    const ageSeconds = (Date.now() - payment.createdAt.getTime()) / 1_000;
    if (ageSeconds < GIVE_UP_AFTER_PERIODS * this.config.PAYMENT_RECONCILE_AFTER_SECONDS) return false;
    return this.settlement.uncaptured(payment, 'failed', 'never_submitted');
  }
}
