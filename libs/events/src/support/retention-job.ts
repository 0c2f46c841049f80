import { Logger } from '@nestjs/common';
import { errorMessage } from './backoff';

export interface RetentionTask {
  name: string;
  /** Deletes what is past retention; returns how many rows or documents. */
  run(): Promise<number>;
}

/**
 * Prunes sent outbox rows and old inbox rows on an interval. Every replica runs it; the
 * deletes are idempotent and chunked, so overlapping runs cost a little and break nothing.
 */
export class RetentionJob {
  private readonly logger = new Logger(RetentionJob.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly tasks: readonly RetentionTask[],
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over every task; a pass already running is joined, not doubled. */
  runOnce(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    for (const task of this.tasks) {
      try {
        const deleted = await task.run();
        if (deleted > 0) this.logger.log(`Pruned ${deleted} ${task.name}`);
      } catch (error) {
        this.logger.warn(`Pruning ${task.name} failed: ${errorMessage(error)}`);
      }
    }
  }
}
