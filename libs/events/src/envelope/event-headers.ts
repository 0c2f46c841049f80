import { type MsgHdrs, headers as natsHeaders } from 'nats';
import { type EventEnvelope } from './event-envelope';

/** Headers every event carries on JetStream, beside `Nats-Msg-Id` (= event id). */
export const EVENT_HEADERS = {
  correlationId: 'x-correlation-id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  eventType: 'x-event-type',
  eventVersion: 'x-event-version',
  aggregateId: 'x-aggregate-id',
} as const;

/** W3C trace context of the request that produced an event, kept in the outbox beside it. */
export interface TraceContext {
  traceparent?: string;
  tracestate?: string;
}

/** NATS header values are one line of printable text; anything else is dropped or cleaned. */
export function headerValue(value: string, maxLength = 1_024): string {
  const single = value.replace(/[\r\n]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
  return single.length > maxLength ? `${single.slice(0, maxLength - 1)}…` : single;
}

export function eventHeaders(envelope: EventEnvelope, trace: TraceContext | null | undefined): MsgHdrs {
  const headers = natsHeaders();
  headers.set(EVENT_HEADERS.correlationId, headerValue(envelope.correlationId, 128));
  headers.set(EVENT_HEADERS.eventType, envelope.type);
  headers.set(EVENT_HEADERS.eventVersion, String(envelope.version));
  headers.set(EVENT_HEADERS.aggregateId, headerValue(envelope.aggregateId, 128));
  if (trace?.traceparent) headers.set(EVENT_HEADERS.traceparent, headerValue(trace.traceparent, 128));
  if (trace?.tracestate) headers.set(EVENT_HEADERS.tracestate, headerValue(trace.tracestate, 512));
  return headers;
}

export function traceFromHeaders(headers: MsgHdrs | undefined): TraceContext {
  const traceparent = headers?.get(EVENT_HEADERS.traceparent) || undefined;
  const tracestate = headers?.get(EVENT_HEADERS.tracestate) || undefined;
  return { ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}
