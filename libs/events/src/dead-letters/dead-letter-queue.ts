import {
  type JetStreamClient,
  type JetStreamManager,
  type MsgHdrs,
  type StoredMsg,
  headers as natsHeaders,
} from 'nats';
import { EVENT_HEADERS } from '../envelope/event-headers';
import { JS_ERROR, jetStreamErrorCode } from '../jetstream/jetstream-errors';
import { DEAD_LETTER_HEADERS, REPLAY_FOR_HEADER, REPLAY_HEADER } from './dead-letter-headers';

/** One parked message as an operator sees it. */
export interface DeadLetterEntry {
  /** Sequence in the DLQ stream: what `replay` and `delete` take. */
  seq: number;
  parkedAt: Date;
  service?: string;
  consumer?: string;
  reason?: string;
  error?: string;
  deliveries?: number;
  eventId?: string;
  eventType?: string;
  originalSubject?: string;
  originalStream?: string;
  originalSequence?: number;
  /** The original message bytes, as the consumer received them. */
  data: Uint8Array;
  headers: Record<string, string>;
}

export interface ListOptions {
  /** First DLQ sequence to look at (default: the oldest). */
  fromSeq?: number;
  limit?: number;
  /** Only entries of this durable consumer (`<service>-<consumer>`). */
  consumer?: string;
}

export interface ReplayResult {
  seq: number;
  subject: string;
  /** Sequence of the replayed message in the events stream. */
  streamSequence: number;
  duplicate: boolean;
}

/**
 * Looks into the DLQ stream and puts parked messages back. A replay publishes the original
 * bytes on the original subject with a new Nats-Msg-Id (`replay:<dlq>:<seq>`): the original
 * id would be dropped by the events stream's duplicate window, while this one still stops
 * the same entry being replayed twice within it. Every consumer of that subject receives the
 * copy, marked `x-replay-for: <consumer>`: the one that failed runs its (fixed) handler; the
 * others ack it unread, and should one still run it (an older build, a hand-made replay) its
 * inbox row for the event makes that a no-op. The entry is then deleted from the DLQ; should
 * it fail again, it is parked anew (a poison message is not re-parked by every consumer).
 */
export class DeadLetterQueue {
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly streamName: string,
  ) {}

  async list(options: ListOptions = {}): Promise<DeadLetterEntry[]> {
    const limit = options.limit ?? 50;
    const { state } = await this.jsm.streams.info(this.streamName);
    const entries: DeadLetterEntry[] = [];
    for (let seq = Math.max(options.fromSeq ?? 1, state.first_seq); seq <= state.last_seq; seq += 1) {
      if (entries.length >= limit) break;
      const entry = await this.find(seq);
      if (entry && (!options.consumer || entry.consumer === options.consumer)) entries.push(entry);
    }
    return entries;
  }

  /** The entry at `seq`, or undefined when there is none (replayed, deleted or expired). */
  async find(seq: number): Promise<DeadLetterEntry | undefined> {
    const stored = await this.jsm.streams.getMessage(this.streamName, { seq }).catch((error: unknown) => {
      if (jetStreamErrorCode(error) === JS_ERROR.noMessageFound) return undefined;
      throw error;
    });
    return stored ? toEntry(stored) : undefined;
  }

  async replay(seq: number, options: { keep?: boolean } = {}): Promise<ReplayResult> {
    const entry = await this.find(seq);
    if (!entry) throw new Error(`No dead letter #${seq} in ${this.streamName}`);
    if (!entry.originalSubject) throw new Error(`Dead letter #${seq} does not say where it came from`);
    const headers = natsHeaders();
    for (const name of [EVENT_HEADERS.correlationId, EVENT_HEADERS.traceparent, EVENT_HEADERS.tracestate]) {
      if (entry.headers[name]) headers.set(name, entry.headers[name]);
    }
    if (entry.eventType) headers.set(EVENT_HEADERS.eventType, entry.eventType);
    headers.set(REPLAY_HEADER, `${this.streamName}:${seq}`);
    if (entry.consumer) headers.set(REPLAY_FOR_HEADER, entry.consumer);
    const ack = await this.js.publish(entry.originalSubject, entry.data, {
      msgID: `replay:${this.streamName}:${seq}`,
      headers,
      ...(entry.originalStream ? { expect: { streamName: entry.originalStream } } : {}),
    });
    if (!options.keep) await this.delete(seq);
    return { seq, subject: entry.originalSubject, streamSequence: ack.seq, duplicate: ack.duplicate };
  }

  /**
   * Replays every entry matching `options` (all of one consumer's, typically after a fix).
   * Only entries parked before the call: a message that fails again at once is parked anew
   * and must not be replayed in a loop.
   */
  async replayAll(options: Omit<ListOptions, 'limit'> = {}): Promise<ReplayResult[]> {
    const { state } = await this.jsm.streams.info(this.streamName);
    const results: ReplayResult[] = [];
    let fromSeq = options.fromSeq ?? 1;
    while (fromSeq <= state.last_seq) {
      const batch = (await this.list({ ...options, fromSeq, limit: 100 })).filter(
        (e) => e.seq <= state.last_seq,
      );
      if (batch.length === 0) break;
      for (const entry of batch) results.push(await this.replay(entry.seq));
      fromSeq = batch[batch.length - 1].seq + 1;
    }
    return results;
  }

  /** Removes an entry for good (handled by hand, or not worth replaying). */
  async delete(seq: number): Promise<boolean> {
    return this.jsm.streams.deleteMessage(this.streamName, seq, false);
  }
}

function toEntry(stored: StoredMsg): DeadLetterEntry {
  const headers = headerRecord(stored.header);
  const number = (value: string | undefined): number | undefined =>
    value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  return {
    seq: stored.seq,
    parkedAt: stored.time,
    service: headers[DEAD_LETTER_HEADERS.service],
    consumer: headers[DEAD_LETTER_HEADERS.consumer],
    reason: headers[DEAD_LETTER_HEADERS.reason],
    error: headers[DEAD_LETTER_HEADERS.error],
    deliveries: number(headers[DEAD_LETTER_HEADERS.deliveries]),
    eventId: headers[DEAD_LETTER_HEADERS.eventId],
    eventType: headers[DEAD_LETTER_HEADERS.eventType],
    originalSubject: headers[DEAD_LETTER_HEADERS.originalSubject],
    originalStream: headers[DEAD_LETTER_HEADERS.originalStream],
    originalSequence: number(headers[DEAD_LETTER_HEADERS.originalSequence]),
    data: stored.data,
    headers,
  };
}

function headerRecord(headers: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  for (const [name, values] of headers) record[name] = values[0] ?? '';
  return record;
}
