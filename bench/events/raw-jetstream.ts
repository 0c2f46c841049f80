import { AckPolicy, type NatsConnection, headers as natsHeaders, nanos } from 'nats';
import { performance } from 'node:perf_hooks';
import { type Measurement } from './stats';

export interface RawRunOptions {
  streamName: string;
  subject: string;
  count: number;
  concurrency: number;
  payload: Uint8Array;
  timeoutMs: number;
}

/**
 * The floor the outbox pipeline is compared with: the same number of messages of the same
 * size, published by the same number of concurrent writers awaiting each ack, consumed by a
 * durable pull consumer with explicit acks. Latency is publish call → consumed and acked.
 */
export async function measureRawJetStream(
  nats: NatsConnection,
  options: RawRunOptions,
): Promise<Measurement> {
  const jsm = await nats.jetstreamManager();
  const js = nats.jetstream();
  const durable = `raw-${Date.now().toString(36)}`;
  await jsm.consumers.add(options.streamName, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    filter_subject: options.subject,
    ack_wait: nanos(30_000),
    max_ack_pending: 256,
  });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const consumer = await js.consumers.get(options.streamName, durable);
  const messages = await consumer.consume({ max_messages: 256 });
  const allConsumed = (async () => {
    for await (const message of messages) {
      message.ack();
      const started = sentAt.get(message.headers?.get('Nats-Msg-Id') ?? '');
      if (started !== undefined) latencies.push(performance.now() - started);
      if (latencies.length >= options.count) break;
    }
  })();

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, writer) => {
      while (next < options.count) {
        const id = `${durable}-${writer}-${(next += 1)}`;
        const headers = natsHeaders();
        headers.set('Nats-Msg-Id', id);
        sentAt.set(id, performance.now());
        await js.publish(options.subject, options.payload, { msgID: id, headers });
      }
    }),
  );
  await withTimeout(allConsumed, options.timeoutMs, 'raw JetStream consumption');
  const elapsedMs = performance.now() - started;
  messages.stop();
  await jsm.consumers.delete(options.streamName, durable);
  return { events: latencies.length, elapsedMs, latenciesMs: latencies };
}

export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
