import { type INestApplication, Injectable } from '@nestjs/common';
import { newId } from '@platform/common';
import { afterCommit, runInTransaction } from '@platform/database';
import {
  type EventData,
  type EventEnvelope,
  EventHandler,
  EventPublisher,
  type EventsModuleOptions,
  UserRegistered,
} from '@platform/events';
import { registeredUser, sampleEnvelope, startEventsTestApp } from '@platform/testing';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { withTimeout } from './raw-jetstream';
import { type Measurement } from './stats';

/** Marks each event handled once the consumer's inbox transaction committed. */
@Injectable()
class HandledClock {
  readonly handledAt = new Map<string, number>();
  private waiter: { count: number; resolve: () => void } | undefined;

  @EventHandler(UserRegistered, { consumer: 'bench-projection' })
  async onRegistered(event: EventEnvelope<EventData<typeof UserRegistered>>): Promise<void> {
    afterCommit(() => {
      this.handledAt.set(event.id, performance.now());
      if (this.waiter && this.handledAt.size >= this.waiter.count) this.waiter.resolve();
    });
  }

  untilHandled(count: number): Promise<void> {
    if (this.handledAt.size >= count) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = { count, resolve }));
  }
}

export interface PipelineOptions {
  producerDatabaseUrl: string;
  consumerDatabaseUrl: string;
  natsUrl: string;
  events: EventsModuleOptions;
  concurrency: number;
  aggregates: number;
  timeoutMs: number;
}

/**
 * The platform's path end to end, with two service processes' worth of modules (separate
 * databases): writers commit one event per transaction into identity's outbox; the relay
 * publishes; course's consumer runs the handler in a transaction with its inbox row.
 * Latency is producer commit → consumer commit.
 */
export class OutboxPipeline {
  private constructor(
    private readonly producer: INestApplication,
    private readonly consumer: INestApplication,
    private readonly options: PipelineOptions,
  ) {}

  static async start(options: PipelineOptions): Promise<OutboxPipeline> {
    const common = { natsUrl: options.natsUrl, events: options.events };
    const producer = await startEventsTestApp({
      ...common,
      service: 'identity',
      databaseUrl: options.producerDatabaseUrl,
    });
    const consumer = await startEventsTestApp({
      ...common,
      service: 'course',
      databaseUrl: options.consumerDatabaseUrl,
      providers: [HandledClock],
    });
    return new OutboxPipeline(producer, consumer, options);
  }

  async measure(count: number): Promise<Measurement> {
    const clock = this.consumer.get(HandledClock);
    clock.handledAt.clear();
    const committedAt = new Map<string, number>();
    const publisher = this.producer.get(EventPublisher);
    const dataSource = this.producer.get(DataSource);
    const aggregates = Array.from({ length: this.options.aggregates }, () => newId());
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: this.options.concurrency }, async () => {
        while (next < count) {
          const userId = aggregates[(next += 1) % aggregates.length];
          await runInTransaction(
            async () => {
              const event = await publisher.publish(UserRegistered, {
                aggregateId: userId,
                data: profile(userId),
              });
              afterCommit(() => void committedAt.set(event.id, performance.now()));
            },
            { dataSource },
          );
        }
      }),
    );
    await withTimeout(clock.untilHandled(count), this.options.timeoutMs, 'the outbox pipeline');
    const elapsedMs = performance.now() - started;
    const latenciesMs = [...clock.handledAt].map(([id, at]) => at - (committedAt.get(id) ?? at));
    return { events: clock.handledAt.size, elapsedMs, latenciesMs };
  }

  /**
   * The same writers committing a row of the same size to a plain table, nothing else: the
   * ceiling PostgreSQL's commit rate puts on any transactional outbox on this machine.
   */
  async measureCommitsOnly(count: number): Promise<number> {
    const dataSource = this.producer.get(DataSource);
    await dataSource.query(
      'CREATE TABLE IF NOT EXISTS bench_commits (id uuid PRIMARY KEY, body jsonb NOT NULL)',
    );
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: this.options.concurrency }, async () => {
        while (next < count) {
          next += 1;
          const userId = newId();
          await runInTransaction(
            (manager) =>
              manager.query('INSERT INTO bench_commits VALUES ($1, $2)', [userId, profile(userId)]),
            { dataSource },
          );
        }
      }),
    );
    return count / ((performance.now() - started) / 1_000);
  }

  async stop(): Promise<void> {
    await Promise.all([this.producer.close(), this.consumer.close()]);
  }
}

function profile(userId: string) {
  return registeredUser(userId, {
    name: 'Benchmark User',
    headline: 'Learning all the things',
    locale: 'en',
  });
}

/** Bytes of one envelope, so the raw baseline sends messages of the same size. */
export function sampleEnvelopeBytes(): Uint8Array {
  const userId = newId();
  return new TextEncoder().encode(
    JSON.stringify(sampleEnvelope(UserRegistered, profile(userId), { aggregateId: userId })),
  );
}
