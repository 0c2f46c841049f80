import { type EventDefinition } from '../catalog/define-event';
import { type DeadLetterReason } from '../dead-letters/dead-letter-headers';
import { type DecodedEvent } from '../envelope/decode-event';
import { type EventEnvelope } from '../envelope/event-envelope';
import { redeliveryDelayMs } from '../support/backoff';

export interface TriageRoute {
  /** Durable consumer name, `<service>-<consumer>`. */
  durable: string;
  definition: EventDefinition;
  maxDeliveries: number;
  /** Other versions of the type that other handlers of this service take. */
  siblingVersions: ReadonlySet<number>;
}

export type Verdict =
  | { action: 'handle'; envelope: EventEnvelope }
  /**
   * Not for this consumer: another handler of the service takes this version, or the message
   * is a DLQ replay meant for another consumer (this one handled the original, parked its own
   * copy, or still has the original ahead of it in the stream).
   */
  | { action: 'skip'; why: 'other-version' | 'replay-for-another-consumer'; type?: string }
  | { action: 'dead-letter'; reason: DeadLetterReason; error: string; eventId?: string; type?: string };

/**
 * What to do with a delivery before any handler runs. Whatever cannot be handled is
 * dead-lettered at once — never acked and forgotten, never retried in vain.
 */
export function triageDelivery(
  decoded: DecodedEvent,
  route: TriageRoute,
  deliveries: number,
  replayFor?: string,
): Verdict {
  if (replayFor && replayFor !== route.durable) {
    return {
      action: 'skip',
      why: 'replay-for-another-consumer',
      ...(decoded.ok ? { type: decoded.envelope.type } : {}),
    };
  }
  if (!decoded.ok) {
    return {
      action: 'dead-letter',
      reason: decoded.reason,
      error: decoded.message,
      ...(decoded.eventId ? { eventId: decoded.eventId } : {}),
      ...(decoded.type ? { type: decoded.type } : {}),
    };
  }
  const { envelope } = decoded;
  const meta = { eventId: envelope.id, type: envelope.type };
  if (envelope.type !== route.definition.type) {
    return {
      action: 'dead-letter',
      reason: 'undecodable',
      error: `A ${envelope.type} envelope arrived on the subject of ${route.definition.type}`,
      ...meta,
    };
  }
  if (envelope.version !== route.definition.version) {
    if (route.siblingVersions.has(envelope.version))
      return { action: 'skip', why: 'other-version', type: envelope.type };
    return {
      action: 'dead-letter',
      reason: 'unhandled-version',
      error: `This service handles ${route.definition.type} v${route.definition.version}, not v${envelope.version}`,
      ...meta,
    };
  }
  if (deliveries > route.maxDeliveries) {
    return {
      action: 'dead-letter',
      reason: 'max-deliveries',
      error:
        `Delivered ${deliveries} times, more than the ${route.maxDeliveries} allowed, without an outcome ` +
        '(the handler crashed or outlived its ack wait, or the DLQ was unreachable)',
      ...meta,
    };
  }
  return { action: 'handle', envelope };
}

export type FailureVerdict = { action: 'retry'; delayMs: number } | { action: 'dead-letter' };

/** After the handler threw on delivery `deliveries` (1-based): retry later, or park it. */
export function afterHandlerFailure(
  deliveries: number,
  maxDeliveries: number,
  schedule: readonly number[],
): FailureVerdict {
  if (deliveries >= maxDeliveries) return { action: 'dead-letter' };
  return { action: 'retry', delayMs: redeliveryDelayMs(deliveries, schedule) };
}
