import { Inject, Injectable } from '@nestjs/common';
import { runInTransaction } from '@platform/database';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { BackgroundJob } from '../shared/background-job';
import { RefundsRepository } from './refunds.repository';
import { RefundsService } from './refunds.service';

const BATCH = 20;

/** Sends refunds left pending (processor down, process died) again; the processor dedupes by refund id. */
@Injectable()
export class RefundRetryService extends BackgroundJob {
  constructor(
    private readonly refunds: RefundsRepository,
    private readonly service: RefundsService,
    @Inject(COMMERCE_CONFIG) private readonly config: CommerceConfig,
  ) {
    super('RefundRetry', config.COMMERCE_JOBS_INTERVAL_MS);
  }

  protected work(): Promise<number> {
    return this.retryDue();
  }

  /** Sends every due pending refund once more; returns how many settled. */
  async retryDue(): Promise<number> {
    const due = await runInTransaction(() =>
      this.refunds.claimDue(BATCH, this.config.PAYMENT_RECONCILE_AFTER_SECONDS),
    );
    let settled = 0;
    for (const refund of due) {
      try {
        await this.service.send(refund);
        settled += 1;
      } catch (error) {
        this.logger.warn(
          `Refund ${refund.id} still pending: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return settled;
  }
}
