import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { RequestContext } from '@platform/common';

/**
 * A provider that does `runOnce()` every `intervalMs` (0 = never; tests call runOnce
 * themselves), in a system request context, never twice at once in one process. Replicas
 * coordinate through the database: every job claims its rows with FOR UPDATE SKIP LOCKED
 * or conditional UPDATEs. A failing run is logged; the next one tries again. The timer
 * does not keep the process alive, and shutdown waits for the run in progress.
 */
export abstract class BackgroundJob implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  protected constructor(
    private readonly name: string,
    private readonly intervalMs: number,
  ) {
    this.logger = new Logger(name);
  }

  /** One pass over the due work. */
  protected abstract work(): Promise<unknown>;

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One scheduled run; joins the run in progress instead of starting another. */
  tick(): Promise<void> {
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
}
