import { Logger } from '@nestjs/common';
import { RequestContext } from '@platform/common';

/**
 * Runs `work` every `intervalMs` in a system request context, never two runs at once in
 * one process (replicas coordinate through the database: every job claims its rows with
 * FOR UPDATE SKIP LOCKED or conditional UPDATEs). A failing run is logged and the next one
 * tries again. The timer does not keep the process alive.
 */
export class PeriodicJob {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One run now (tests call it directly); joins the run in progress instead of starting another. */
  runOnce(): Promise<void> {
    this.running ??= RequestContext.run(RequestContext.system(), async () => {
      try {
        await this.work();
      } catch (error) {
        this.logger.error(`${this.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.running = undefined;
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
