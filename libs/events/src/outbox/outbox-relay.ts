import { Logger } from '@nestjs/common';
import { eventMetrics, registerBacklogSource } from '../metrics/event-metrics';
import { exponentialBackoffMs, pause } from '../support/backoff';
import { type OutboxStore, type OutboxWakeups, type RelayBatchResult, type SendEvent } from './outbox-store';

export interface RelaySettings {
  batchSize: number;
  pollIntervalMs: number;
  retryMinMs: number;
  retryMaxMs: number;
}

/**
 * Moves committed events from the outbox to JetStream, one per service process. It wakes
 * at once when the outbox is notified of new rows, polls as a fallback, keeps claiming
 * while batches come back full, and while NATS is unreachable retries with growing
 * backoff, forever: the events wait safely in the database meanwhile.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly stopping = new AbortController();
  private wakeRequested = false;
  private wakeSleeper: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private failures = 0;
  private unregisterBacklog: (() => void) | undefined;

  constructor(
    private readonly store: OutboxStore,
    private readonly send: SendEvent,
    private readonly settings: RelaySettings,
    private readonly wakeups?: OutboxWakeups,
  ) {}

  start(): void {
    if (this.loop) return;
    this.unregisterBacklog = registerBacklogSource(() => this.store.backlog());
    this.wakeups?.start(() => this.wake());
    this.loop = this.run();
  }

  /** Ask for a round now (new rows were committed, or NATS came back). */
  wake(): void {
    this.wakeRequested = true;
    this.wakeSleeper?.();
  }

  /** Finishes the round in progress (its publishes are awaited, its rows marked), then stops. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wakeSleeper?.();
    await this.loop;
    await this.wakeups?.stop();
    this.unregisterBacklog?.();
    this.loop = undefined;
  }

  /** One claim-publish-mark round; the loop's unit of work, also handy in tests and benchmarks. */
  relayOnce(): Promise<RelayBatchResult> {
    return this.store.relayBatch(this.send, this.settings.batchSize);
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      this.wakeRequested = false;
      let result: RelayBatchResult;
      try {
        result = await this.relayOnce();
      } catch (error) {
        result = { claimed: 0, published: 0, duplicates: 0, failed: 1, lastError: String(error) };
      }
      if (result.failed > 0) {
        await this.backOff(result);
        continue;
      }
      if (this.failures > 0) this.logger.log('Publishing again after a failure; the backlog drains');
      this.failures = 0;
      // A full batch means more may be waiting: go again without sleeping.
      if (result.claimed >= this.settings.batchSize) continue;
      await this.sleepUntilWoken(this.settings.pollIntervalMs);
    }
  }

  private async backOff(result: RelayBatchResult): Promise<void> {
    this.failures += 1;
    eventMetrics.publishFailures.inc(result.failed);
    const delay = exponentialBackoffMs(this.failures, this.settings.retryMinMs, this.settings.retryMaxMs);
    const log = `Outbox relay round failed (${result.failed} events not published: ${result.lastError}); retrying in ${delay} ms`;
    // First failure and then every tenth: an outage is visible without flooding the logs.
    if (this.failures === 1 || this.failures % 10 === 0) this.logger.warn(log);
    else this.logger.debug(log);
    await pause(delay, this.stopping.signal);
  }

  private async sleepUntilWoken(ms: number): Promise<void> {
    if (this.wakeRequested || this.stopping.signal.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
    this.wakeSleeper = undefined;
  }
}
