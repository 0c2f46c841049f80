import { type JetStreamClient } from 'nats';
import { subjectForType } from '../envelope/event-envelope';
import { eventHeaders } from '../envelope/event-headers';
import { eventMetrics } from '../metrics/event-metrics';
import { type OutboxRecord, type SendEvent, type SendResult } from './outbox-store';

export interface JetStreamSenderOptions {
  streamName: string;
  subjectPrefix: string;
  publishTimeoutMs: number;
}

const encoder = new TextEncoder();

/**
 * Publishes one outbox event and resolves once JetStream has stored it. `Nats-Msg-Id` is
 * the event id, so a re-send after a crash is dropped by the stream's duplicate window;
 * `expect.streamName` makes a subject captured by some other stream an error, not a loss.
 */
export function jetStreamSender(js: JetStreamClient, options: JetStreamSenderOptions): SendEvent {
  return async (record: OutboxRecord): Promise<SendResult> => {
    const { envelope } = record;
    const ack = await js.publish(
      subjectForType(envelope.type, options.subjectPrefix),
      encoder.encode(JSON.stringify(envelope)),
      {
        msgID: envelope.id,
        headers: eventHeaders(envelope, record.trace),
        expect: { streamName: options.streamName },
        timeout: options.publishTimeoutMs,
      },
    );
    if (ack.duplicate) eventMetrics.publishDuplicates.inc({ type: envelope.type });
    else eventMetrics.published.inc({ type: envelope.type });
    return { duplicate: ack.duplicate };
  };
}
