import { Logger } from '@nestjs/common';
import { InFlightTracker } from '@platform/common';
import { type ConsumerMessages, ConsumerEvents, type JetStreamClient } from 'nats';
import { errorMessage, reopenForever } from '../support/backoff';
import { Semaphore } from '../support/keyed-serializer';
import { type DeliveryDeps, DeliveryProcessor, type HandlerRoute } from './delivery-processor';

export { type HandlerRoute } from './delivery-processor';

export interface EventConsumerDeps extends DeliveryDeps {
  js: JetStreamClient;
  streamName: string;
  /** Creates or updates the durable consumer; run before each (re)subscription. */
  ensureConsumer(): Promise<void>;
}

/**
 * Runs one durable consumer: pulls up to `maxInFlight` messages at once and hands each to
 * the DeliveryProcessor; re-subscribes (and recreates the consumer) after any failure.
 *
 * Ordering: one process keeps per-aggregate order; across replicas (or after a retry)
 * two events of one aggregate may be handled out of order. A handler that needs strict
 * order sets `maxInFlight: 1` (one message in flight for the consumer cluster-wide) or
 * compares the aggregate version the event carries.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private readonly inFlight = new InFlightTracker();
  private readonly processor: DeliveryProcessor;
  private readonly slots: Semaphore;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly route: HandlerRoute,
    private readonly deps: EventConsumerDeps,
  ) {
    this.logger = new Logger(`EventConsumer:${route.durable}`);
    this.slots = new Semaphore(route.maxInFlight);
    this.processor = new DeliveryProcessor(route, deps);
  }

  start(): void {
    this.loop ??= this.consumeForever();
  }

  /** Stops pulling, then lets running handlers finish (bounded); returns whether they did. */
  async stop(graceMs: number): Promise<boolean> {
    this.stopping.abort();
    this.messages?.stop();
    await this.loop;
    return this.inFlight.drain(graceMs);
  }

  private consumeForever(): Promise<void> {
    return reopenForever(
      this.stopping.signal,
      async (healthy) => {
        await this.deps.ensureConsumer();
        const consumer = await this.deps.js.consumers.get(this.deps.streamName, this.route.durable);
        const messages = await consumer.consume({ max_messages: this.route.maxInFlight });
        this.messages = messages;
        healthy();
        if (this.stopping.signal.aborted) messages.stop();
        void this.watchStatus(messages);
        try {
          for await (const message of messages) {
            await this.slots.acquire();
            if (this.stopping.signal.aborted) {
              this.slots.release();
              this.processor.settle(() => message.nak(), 'nak'); // to another replica now, not after the ack wait
              continue;
            }
            void this.inFlight.track(() =>
              this.processor.process(message).finally(() => this.slots.release()),
            );
          }
        } finally {
          this.messages = undefined;
        }
      },
      (error) => this.logger.warn(`Consuming failed: ${errorMessage(error)}`),
    );
  }

  /** A deleted consumer is recreated (the loop re-runs ensureConsumer) instead of idling forever. */
  private async watchStatus(messages: ConsumerMessages): Promise<void> {
    for await (const status of await messages.status()) {
      if (status.type === ConsumerEvents.ConsumerDeleted || status.type === ConsumerEvents.ConsumerNotFound) {
        this.logger.warn(`Consumer ${this.route.durable} vanished (${status.type}); recreating it`);
        messages.stop();
      }
    }
  }
}
