import { type EventEnvelope } from '@platform/events';
import { waitUntil } from '@platform/testing';
import { AckPolicy, type ConsumerMessages, DeliverPolicy, type NatsConnection, connect, nanos } from 'nats';

/** One message as it sits on the stream: where, under which id and headers, and its parsed body. */
export interface StreamedEvent {
  subject: string;
  streamSequence: number;
  headers: Record<string, string>;
  /** The JSON body, unvalidated: tests check it against the catalog themselves. */
  envelope: EventEnvelope<Record<string, unknown>>;
}

/**
 * Reads a platform's event stream from the start with a JetStream consumer of its own
 * (ephemeral, explicit acks), as any subscriber would, and keeps every message for the test
 * to inspect. Works on NATS 2.9 (single filter subject, no newer consumer features).
 */
export class EventStreamReader {
  private readonly received: StreamedEvent[] = [];
  private readonly loop: Promise<void>;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly messages: ConsumerMessages,
    private readonly stream: string,
    private readonly consumerName: string,
  ) {
    this.loop = this.collect();
  }

  static async open(natsUrl: string, stream: string, filterSubject?: string): Promise<EventStreamReader> {
    const connection = await connect({ servers: natsUrl, name: 'e2e-event-reader' });
    const jsm = await connection.jetstreamManager();
    const info = await jsm.consumers.add(stream, {
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // Gone by itself if a crashed test never closes it (the stream is removed anyway).
      inactive_threshold: nanos(60_000),
      ...(filterSubject ? { filter_subject: filterSubject } : {}),
    });
    const consumer = await connection.jetstream().consumers.get(stream, info.name);
    const messages = await consumer.consume({ max_messages: 100 });
    return new EventStreamReader(connection, messages, stream, info.name);
  }

  private async collect(): Promise<void> {
    for await (const message of this.messages) {
      const headers: Record<string, string> = {};
      for (const key of message.headers?.keys() ?? []) headers[key] = message.headers?.get(key) ?? '';
      this.received.push({
        subject: message.subject,
        streamSequence: message.seq,
        headers,
        envelope: message.json<EventEnvelope<Record<string, unknown>>>(),
      });
      message.ack();
    }
  }

  /** Everything read so far, in stream order. */
  get events(): readonly StreamedEvent[] {
    return this.received;
  }

  /** Waits until `count` events match, then returns those that do. */
  async waitFor(
    predicate: (event: StreamedEvent) => boolean,
    { count = 1, what = 'an event', timeoutMs = 20_000 } = {},
  ): Promise<StreamedEvent[]> {
    return waitUntil(
      () => this.received.filter(predicate),
      (matching) => matching.length >= count,
      { what, timeoutMs },
    );
  }

  /** The events of one type about one aggregate (waiting for the first `count` of them). */
  ofType(type: string, aggregateId: string, count = 1): Promise<StreamedEvent[]> {
    return this.waitFor(
      (event) => event.envelope.type === type && event.envelope.aggregateId === aggregateId,
      {
        count,
        what: `${count} ${type} event(s) of ${aggregateId}`,
      },
    );
  }

  async close(): Promise<void> {
    this.messages.stop();
    await this.loop.catch(() => undefined);
    const jsm = await this.connection.jetstreamManager();
    await jsm.consumers.delete(this.stream, this.consumerName).catch(() => false);
    await this.connection.close();
  }
}
