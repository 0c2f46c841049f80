/**
 * `npm run bench:events`: events/second and commit-to-handled latency (p50/p99) through
 * outbox → relay → JetStream → consumer → inbox, beside a raw JetStream publish/consume
 * baseline measured in the same run on the same servers, printed as ratios.
 *
 * Servers on 127.0.0.1 (POSTGRES_URL, NATS_URL may change the port, not the host). It creates its own databases and
 * streams and removes them at the end. Size: BENCH_EVENTS (default 2000), BENCH_WRITERS (8),
 * BENCH_AGGREGATES (100).
 */
import { Logger } from '@nestjs/common';
import { ensureStream, eventStreamSpecs, resolveEventsOptions } from '@platform/events';
import { connect } from 'nats';
import { Client } from 'pg';
import { positiveIntFromEnv } from '../lib/env';
import { OutboxPipeline, sampleEnvelopeBytes } from './outbox-pipeline';
import { measureRawJetStream } from './raw-jetstream';
import { report, summarize } from './stats';

Logger.overrideLogger(['error', 'warn']);

const env = positiveIntFromEnv;
const COUNT = env('BENCH_EVENTS', 2_000);
const WRITERS = env('BENCH_WRITERS', 8);
const AGGREGATES = env('BENCH_AGGREGATES', 100);
const WARM_UP = Math.min(200, COUNT);
const TIMEOUT_MS = 180_000;
const postgresUrl = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

// A benchmark floods its servers: it only ever runs against this machine's.
for (const url of [postgresUrl, natsUrl]) {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) {
    throw new Error(`bench:events runs against 127.0.0.1 only, not ${new URL(url).host}`);
  }
}

const token = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const streams = {
  streamName: `BENCH_EV_${token}`,
  subjectPrefix: `bench_ev_${token}`,
  deadLetterStreamName: `BENCH_DLQ_${token}`,
  deadLetterSubjectPrefix: `bench_dlq_${token}`,
};
const databases = [`bench_events_producer_${token}`, `bench_events_consumer_${token}`];

function databaseUrl(name: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const nats = await connect({ servers: natsUrl, name: 'bench-events' });
  const jsm = await nats.jetstreamManager();
  let pipeline: OutboxPipeline | undefined;
  try {
    for (const spec of eventStreamSpecs(resolveEventsOptions(streams))) await ensureStream(jsm, spec);
    for (const name of databases) await onServer(`CREATE DATABASE "${name}"`);
    const raw = {
      streamName: streams.streamName,
      subject: `${streams.subjectPrefix}.bench.raw.message`,
      concurrency: WRITERS,
      payload: sampleEnvelopeBytes(),
      timeoutMs: TIMEOUT_MS,
    };
    pipeline = await OutboxPipeline.start({
      producerDatabaseUrl: databaseUrl(databases[0]),
      consumerDatabaseUrl: databaseUrl(databases[1]),
      natsUrl,
      events: streams,
      concurrency: WRITERS,
      aggregates: AGGREGATES,
      timeoutMs: TIMEOUT_MS,
    });

    console.log(`Warming up with ${WARM_UP} events each…`);
    await measureRawJetStream(nats, { ...raw, count: WARM_UP });
    await pipeline.measure(WARM_UP);

    console.log(`Measuring ${COUNT} events, ${WRITERS} concurrent writers, ${AGGREGATES} aggregates…\n`);
    const rawResult = summarize(await measureRawJetStream(nats, { ...raw, count: COUNT }));
    const outboxResult = summarize(await pipeline.measure(COUNT));
    const commitsPerSecond = await pipeline.measureCommitsOnly(COUNT);
    console.log(report(rawResult, outboxResult, commitsPerSecond));
  } finally {
    await pipeline?.stop();
    for (const stream of [streams.streamName, streams.deadLetterStreamName]) {
      await jsm.streams.delete(stream).catch(() => false);
    }
    await nats.close();
    for (const name of databases) await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
