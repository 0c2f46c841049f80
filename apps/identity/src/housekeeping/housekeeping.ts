import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AccountTokensRepository } from '../account-tokens/account-tokens.repository';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { SessionsRepository } from '../sessions/sessions.repository';

const INTERVAL_MS = 60 * 60 * 1000;
const BATCH = 1_000;

/**
 * Every refresh adds a token row, so ended sessions and spent mail tokens are deleted once
 * they are older than IDENTITY_RETENTION_DAYS (kept that long so a user or investigator can
 * still see recent sessions). Deletes go in small batches so no long lock is held; every
 * replica runs this, which is harmless: a row deleted twice is deleted once. The security
 * audit log is not purged here: its retention is a policy decision for whoever owns it.
 */
@Injectable()
export class Housekeeping implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Housekeeping.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly accountTokens: AccountTokensRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.logger.error(`Housekeeping failed: ${String(error)}`));
    }, INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<{ sessions: number; accountTokens: number }> {
    const retention = this.config.IDENTITY_RETENTION_DAYS * 86_400;
    const idle = this.config.REFRESH_TOKEN_IDLE_TTL_SECONDS;
    const sessions = await this.drain(() => this.sessions.purgeEnded(retention, idle, BATCH));
    const accountTokens = await this.drain(() => this.accountTokens.purgeSpent(retention, BATCH));
    if (sessions + accountTokens > 0) {
      this.logger.log(`Deleted ${sessions} ended sessions and ${accountTokens} spent account tokens`);
    }
    return { sessions, accountTokens };
  }

  private async drain(purge: () => Promise<number>): Promise<number> {
    let total = 0;
    let deleted: number;
    do {
      deleted = await purge();
      total += deleted;
    } while (deleted === BATCH);
    return total;
  }
}
