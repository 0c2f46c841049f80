import { type JetStreamClient, type JsMsg, headers as natsHeaders } from 'nats';
import { EVENT_HEADERS, headerValue } from '../envelope/event-headers';
import { eventMetrics } from '../metrics/event-metrics';
import { DEAD_LETTER_HEADERS, type DeadLetterReason } from './dead-letter-headers';

export interface DeadLetter {
  message: JsMsg;
  service: string;
  /** Durable consumer name, `<service>-<consumer>`. */
  consumer: string;
  reason: DeadLetterReason;
  error: string;
  eventId?: string;
  eventType?: string;
}

export interface DeadLetterTarget {
  streamName: string;
  subjectPrefix: string;
  publishTimeoutMs: number;
}

/**
 * Parks a message in the DLQ stream (subject `<prefix>.<service>.<consumer>`) with why it
 * failed. The caller terminates the message on its consumer only once this resolved; if it
 * fails the caller naks instead, so a message is never dropped on the way to the DLQ. The
 * Nats-Msg-Id (consumer + original stream sequence) keeps a retry from parking it twice.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly js: JetStreamClient,
    private readonly target: DeadLetterTarget,
  ) {}

  async park(letter: DeadLetter): Promise<void> {
    const { message } = letter;
    const headers = natsHeaders();
    const set = (name: string, value: string | undefined, max?: number): void => {
      if (value) headers.set(name, headerValue(value, max));
    };
    set(DEAD_LETTER_HEADERS.service, letter.service);
    set(DEAD_LETTER_HEADERS.consumer, letter.consumer);
    set(DEAD_LETTER_HEADERS.reason, letter.reason);
    set(DEAD_LETTER_HEADERS.error, letter.error || 'unknown error', 2_000);
    set(DEAD_LETTER_HEADERS.deliveries, String(message.info.redeliveryCount));
    set(DEAD_LETTER_HEADERS.failedAt, new Date().toISOString());
    set(DEAD_LETTER_HEADERS.originalSubject, message.subject);
    set(DEAD_LETTER_HEADERS.originalStream, message.info.stream);
    set(DEAD_LETTER_HEADERS.originalSequence, String(message.info.streamSequence));
    set(DEAD_LETTER_HEADERS.eventId, letter.eventId ?? message.headers?.get('Nats-Msg-Id'));
    set(DEAD_LETTER_HEADERS.eventType, letter.eventType ?? message.headers?.get(EVENT_HEADERS.eventType));
    for (const name of [EVENT_HEADERS.correlationId, EVENT_HEADERS.traceparent, EVENT_HEADERS.tracestate]) {
      set(name, message.headers?.get(name));
    }
    await this.js.publish(
      `${this.target.subjectPrefix}.${letter.service}.${consumerToken(letter)}`,
      message.data,
      {
        headers,
        msgID: `${letter.consumer}:${message.info.stream}:${message.info.streamSequence}`,
        expect: { streamName: this.target.streamName },
        timeout: this.target.publishTimeoutMs,
      },
    );
    eventMetrics.deadLettered.inc({ consumer: letter.consumer, reason: letter.reason });
  }
}

/** The consumer part of the durable name, so DLQ subjects read `dlq.course.enroll-paid-orders`. */
function consumerToken(letter: DeadLetter): string {
  const prefix = `${letter.service}-`;
  return letter.consumer.startsWith(prefix) ? letter.consumer.slice(prefix.length) : letter.consumer;
}
