import { Logger } from '@nestjs/common';
import { InFlightTracker, RequestContext, isUuid } from '@platform/common';
import { type ConsumerMessages, ConsumerEvents, type JetStreamClient, type JsMsg } from 'nats';
import { type EventDefinition } from '../catalog/define-event';
import { REPLAY_FOR_HEADER } from '../dead-letters/dead-letter-headers';
import { type DeadLetterPublisher } from '../dead-letters/dead-letter-publisher';
import { decodeEvent } from '../envelope/decode-event';
import { type EventEnvelope } from '../envelope/event-envelope';
import { traceFromHeaders } from '../envelope/event-headers';
import { eventMetrics } from '../metrics/event-metrics';
import { errorMessage, exponentialBackoffMs, pause, redeliveryDelayMs } from '../support/backoff';
import { KeyedSerializer, Semaphore } from '../support/keyed-serializer';
import { afterHandlerFailure, triageDelivery, type Verdict } from './delivery-triage';
import { type Inbox } from './inbox';

/** One @EventHandler method with everything its durable consumer needs. */
export interface HandlerRoute {
  definition: EventDefinition;
  /** Durable consumer name and inbox key: `<service>-<consumer>`. */
  durable: string;
  /** `Class.method`, for logs. */
  owner: string;
  maxDeliveries: number;
  maxInFlight: number;
  startFrom: 'all' | 'new';
  siblingVersions: ReadonlySet<number>;
  handle(envelope: EventEnvelope): Promise<unknown>;
}

export interface EventConsumerDeps {
  js: JetStreamClient;
  streamName: string;
  service: string;
  inbox: Inbox;
  deadLetters: DeadLetterPublisher;
  ackWaitMs: number;
  retryBackoffMs: readonly number[];
  /** Creates or updates the durable consumer; run before each (re)subscription. */
  ensureConsumer(): Promise<void>;
}

/**
 * Runs one durable consumer: pulls up to `maxInFlight` messages, handles events of
 * different aggregates concurrently and those of one aggregate in stream order, acks
 * after the handler's transaction commits, naks with backoff when it throws, and parks
 * in the DLQ what failed too often or can never be handled.
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
  private readonly serializer = new KeyedSerializer();
  private readonly slots: Semaphore;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly route: HandlerRoute,
    private readonly deps: EventConsumerDeps,
  ) {
    this.logger = new Logger(`EventConsumer:${route.durable}`);
    this.slots = new Semaphore(route.maxInFlight);
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

  private async consumeForever(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        await this.deps.ensureConsumer();
        const consumer = await this.deps.js.consumers.get(this.deps.streamName, this.route.durable);
        const messages = await consumer.consume({ max_messages: this.route.maxInFlight });
        this.messages = messages;
        if (this.stopping.signal.aborted) messages.stop();
        void this.watchStatus(messages);
        for await (const message of messages) {
          attempt = 0;
          await this.slots.acquire();
          if (this.stopping.signal.aborted) {
            this.slots.release();
            this.settle(() => message.nak(), 'nak'); // to another replica now, not after the ack wait
            continue;
          }
          void this.inFlight.track(() => this.process(message).finally(() => this.slots.release()));
        }
      } catch (error) {
        if (!this.stopping.signal.aborted) this.logger.warn(`Consuming failed: ${errorMessage(error)}`);
      } finally {
        this.messages = undefined;
      }
      await pause(exponentialBackoffMs(Math.max(attempt, 1), 250, 10_000), this.stopping.signal);
    }
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

  private async process(message: JsMsg): Promise<void> {
    const deliveries = message.info.redeliveryCount;
    if (deliveries > 1) eventMetrics.redelivered.inc({ consumer: this.route.durable });
    const replayFor = message.headers?.get(REPLAY_FOR_HEADER) || undefined;
    const verdict = triageDelivery(decodeEvent(message.data), this.route, deliveries, replayFor);
    switch (verdict.action) {
      case 'skip':
        this.settle(() => message.ack(), 'ack');
        eventMetrics.consumed.inc({
          consumer: this.route.durable,
          type: verdict.type ?? 'unknown',
          outcome: 'skipped',
        });
        return;
      case 'dead-letter':
        return this.deadLetter(message, verdict);
      case 'handle':
        return this.serializer.run(verdict.envelope.aggregateId, () =>
          this.handle(message, verdict.envelope, deliveries),
        );
    }
  }

  private async handle(message: JsMsg, envelope: EventEnvelope, deliveries: number): Promise<void> {
    const { durable } = this.route;
    // Tells JetStream we are still at it, so a slow handler is not redelivered meanwhile.
    const keepAlive = setInterval(
      () => this.settle(() => message.working(), 'extend'),
      Math.max(this.deps.ackWaitMs / 3, 100),
    );
    const stopTimer = eventMetrics.handlerLatency.startTimer({ consumer: durable });
    try {
      const outcome = await RequestContext.run(contextOf(envelope, message), () =>
        this.deps.inbox.runOnce(durable, envelope, async () => {
          await this.route.handle(envelope);
        }),
      );
      // After commit: if this ack is lost, the redelivery finds the inbox row and is a no-op.
      this.settle(() => message.ack(), 'ack');
      stopTimer({ outcome });
      eventMetrics.consumed.inc({ consumer: durable, type: envelope.type, outcome });
    } catch (error) {
      stopTimer({ outcome: 'failed' });
      eventMetrics.handlerFailures.inc({ consumer: durable });
      const next = afterHandlerFailure(deliveries, this.route.maxDeliveries, this.deps.retryBackoffMs);
      const description = describeError(error);
      if (next.action === 'retry') {
        this.logger.warn(
          `${this.route.owner} failed on ${envelope.type} ${envelope.id} (delivery ${deliveries}/${this.route.maxDeliveries}), ` +
            `retrying in ${next.delayMs} ms: ${error instanceof Error ? (error.stack ?? description) : description}`,
        );
        this.settle(() => message.nak(next.delayMs), 'nak');
      } else {
        await this.deadLetter(message, {
          action: 'dead-letter',
          reason: 'handler-failed',
          error: description,
          eventId: envelope.id,
          type: envelope.type,
        });
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async deadLetter(
    message: JsMsg,
    verdict: Extract<Verdict, { action: 'dead-letter' }>,
  ): Promise<void> {
    try {
      await this.deps.deadLetters.park({
        message,
        service: this.deps.service,
        consumer: this.route.durable,
        reason: verdict.reason,
        error: verdict.error,
        ...(verdict.eventId ? { eventId: verdict.eventId } : {}),
        ...(verdict.type ? { eventType: verdict.type } : {}),
      });
      this.settle(() => message.term(), 'terminate');
      this.logger.error(
        `Dead-lettered ${verdict.type ?? 'a message'} ${verdict.eventId ?? `#${message.info.streamSequence}`} ` +
          `(${verdict.reason}): ${verdict.error}`,
      );
    } catch (error) {
      // Not parked: keep it on the consumer and try again later, never drop it.
      const delay = redeliveryDelayMs(message.info.redeliveryCount, this.deps.retryBackoffMs);
      this.logger.error(`Could not dead-letter #${message.info.streamSequence}: ${errorMessage(error)}`);
      this.settle(() => message.nak(delay), 'nak');
    }
  }

  /**
   * Acks and naks are fire-and-forget protocol messages; on a closed connection they throw.
   * Losing one is safe (JetStream redelivers after the ack wait, the inbox absorbs it), so
   * it is logged, never allowed to crash the process.
   */
  private settle(action: () => void, what: string): void {
    try {
      action();
    } catch (error) {
      this.logger.warn(`Could not ${what} a message: ${errorMessage(error)}`);
    }
  }
}

/** The handler runs as the event's author: correlation carried on, the event as the cause. */
function contextOf(envelope: EventEnvelope, message: JsMsg) {
  return RequestContext.system({
    correlationId: envelope.correlationId,
    causationId: envelope.id,
    ...(isUuid(envelope.actorId) ? { userId: envelope.actorId } : {}),
    ...traceFromHeaders(message.headers),
  });
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`;
  }
  return String(error);
}
