/** W3C Trace Context (https://www.w3.org/TR/trace-context/): version 00, non-zero ids. */
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
/** Up to 32 `key=value` members; printable ASCII without `,` and `=` in values. */
const TRACESTATE = /^[\x20-\x7e]{1,512}$/;

export interface TraceContext {
  traceparent?: string;
  tracestate?: string;
}

const first = (header: string | string[] | undefined): string | undefined =>
  Array.isArray(header) ? header[0] : header;

/**
 * The caller's trace context, forwarded unchanged so its trace continues through the
 * services. A malformed traceparent is dropped with its tracestate (the spec says to
 * restart the trace rather than propagate garbage), never an error for the caller.
 */
export function traceContextFrom(headers: Record<string, string | string[] | undefined>): TraceContext {
  const traceparent = first(headers.traceparent)?.trim().toLowerCase();
  if (!traceparent || !TRACEPARENT.test(traceparent)) return {};
  const tracestate = first(headers.tracestate)?.trim();
  return tracestate && TRACESTATE.test(tracestate) ? { traceparent, tracestate } : { traceparent };
}
