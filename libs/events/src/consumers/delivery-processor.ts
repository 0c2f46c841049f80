import { Logger } from '@nestjs/common';
import { RequestContext, isUuid } from '@platform/common';
import { type JsMsg } from 'nats';
import { type EventDefinition } from '../catalog/define-event';
import { REPLAY_FOR_HEADER } from '../dead-letters/dead-letter-headers';
import { type DeadLetterPublisher } from '../dead-letters/dead-letter-publisher';
import { decodeEvent } from '../envelope/decode-event';
import { type EventEnvelope } from '../envelope/event-envelope';
import { traceFromHeaders } from '../envelope/event-headers';
import { eventMetrics } from '../metrics/event-metrics';
import { errorMessage, redeliveryDelayMs } from '../support/backoff';
import { KeyedSerializer } from '../support/keyed-serializer';
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

export interface DeliveryDeps {
  service: string;
  inbox: Inbox;
  deadLetters: DeadLetterPublisher;
  ackWaitMs: number;
  retryBackoffMs: readonly number[];
}

/**
 * What happens to one delivered message: triage (dead-letter what can never be handled),
 * then the handler in a transaction with its inbox row, ack after commit, nak with backoff
 * when it throws, and the DLQ after the last allowed delivery. Events of one aggregate wait
 * for each other (stream order within this process); others run concurrently.
 */
export class DeliveryProcessor {
  private readonly logger: Logger;
  private readonly serializer = new KeyedSerializer();

  constructor(
    private readonly route: HandlerRoute,
    private readonly deps: DeliveryDeps,
  ) {
    this.logger = new Logger(`EventConsumer:${route.durable}`);
  }

  async process(message: JsMsg): Promise<void> {
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
      case 'handle': {
        // Tells JetStream we are still at it — waiting behind an earlier event of the same
        // aggregate or running a slow handler — so it is not redelivered (and counted) meanwhile.
        const keepAlive = setInterval(
          () => this.settle(() => message.working(), 'extend'),
          Math.max(this.deps.ackWaitMs / 3, 100),
        );
        try {
          return await this.serializer.run(verdict.envelope.aggregateId, () =>
            this.handle(message, verdict.envelope, deliveries),
          );
        } finally {
          clearInterval(keepAlive);
        }
      }
    }
  }

  private async handle(message: JsMsg, envelope: EventEnvelope, deliveries: number): Promise<void> {
    const { durable } = this.route;
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
  settle(action: () => void, what: string): void {
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
