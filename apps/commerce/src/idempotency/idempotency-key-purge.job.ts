import { Inject, Injectable } from '@nestjs/common';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { BackgroundJob } from '../shared/background-job';
import { IdempotencyRepository } from './idempotency.repository';

/** Forgets idempotency keys past IDEMPOTENCY_KEY_TTL_HOURS (rarely: every 60 job intervals). */
@Injectable()
export class IdempotencyKeyPurgeJob extends BackgroundJob {
  constructor(
    private readonly keys: IdempotencyRepository,
    @Inject(COMMERCE_CONFIG) private readonly config: CommerceConfig,
  ) {
    super('IdempotencyKeyPurge', config.COMMERCE_JOBS_INTERVAL_MS * 60);
  }

  protected work(): Promise<number> {
    return this.keys.purgeOlderThan(this.config.IDEMPOTENCY_KEY_TTL_HOURS);
  }
}
