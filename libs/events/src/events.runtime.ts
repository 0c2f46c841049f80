import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { ReadinessRegistry, SERVICE_NAME } from '@platform/common';
import { EventConsumer, type HandlerRoute } from './consumers/event-consumer';
import { EventHandlerDiscovery } from './consumers/event-handler-discovery';
import { DeadLetterPublisher } from './dead-letters/dead-letter-publisher';
import { type ResolvedEventsOptions } from './events.options';
import { EVENTS_STORAGE, type EventStorage } from './events.storage';
import { EVENTS_JETSTREAM, EVENTS_OPTIONS } from './events.tokens';
import { type JetStreamContext } from './jetstream/jetstream-context';
import {
  JetStreamConfigConflict,
  ensureDurableConsumer,
  ensureStream,
  eventStreamSpecs,
} from './jetstream/stream-provisioner';
import { jetStreamSender } from './outbox/jetstream-event-sender';
import { OutboxRelay } from './outbox/outbox-relay';
import { errorMessage, exponentialBackoffMs, pause } from './support/backoff';
import { RetentionJob } from './support/retention-job';

/**
 * Starts and stops the event backbone of one service process: provisions the streams,
 * then runs a durable consumer per @EventHandler, the outbox relay and the pruner. On
 * shutdown consumers stop pulling and finish their handlers before the relay's last round
 * and before NATS and the database pools close (those close in onApplicationShutdown).
 */
@Injectable()
export class EventsRuntime implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventsRuntime.name);
  private readonly stopping = new AbortController();
  private consumers: EventConsumer[] = [];
  private retention: RetentionJob | undefined;
  private outboxRelay: OutboxRelay | undefined;

  constructor(
    @Inject(EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(EVENTS_JETSTREAM) private readonly jetstream: JetStreamContext,
    @Inject(EVENTS_STORAGE) private readonly storage: EventStorage,
    private readonly discovery: EventHandlerDiscovery,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {}

  /** The relay of this process (undefined when disabled); tests and benchmarks drive it. */
  get relay(): OutboxRelay | undefined {
    return this.outboxRelay;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.readiness?.register({
      name: 'jetstream',
      // A service still answers requests while JetStream is down: its events wait in the
      // outbox and the relay catches up. Pulling every replica out of the load balancer
      // would turn a messaging outage into a full one.
      critical: false,
      check: async () => {
        await this.jetstream.jsm.streams.info(this.options.streamName);
      },
    });
    const routes = this.options.consumers.enabled ? this.discovery.routes() : [];
    if (this.options.provisionStreams) {
      await this.untilDone('provision the streams', () => this.provision(routes.length > 0));
    }
    if (routes.length > 0) await this.startConsumers(routes);
    if (this.options.relay.enabled) this.startRelay();
    const { retention } = this.options;
    this.retention = new RetentionJob(this.storage.retentionTasks(retention), retention.pruneIntervalMs);
    this.retention.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    const grace = this.options.consumers.shutdownGraceMs;
    const drained = await Promise.all(this.consumers.map((consumer) => consumer.stop(grace)));
    if (drained.includes(false))
      this.logger.warn('Stopped with handlers still running; they will be redelivered');
    await this.outboxRelay?.stop();
    await this.retention?.stop();
  }

  private async provision(withDeadLetters: boolean): Promise<void> {
    for (const spec of eventStreamSpecs(this.options, withDeadLetters)) {
      await ensureStream(this.jetstream.jsm, spec);
    }
  }

  private async startConsumers(routes: HandlerRoute[]): Promise<void> {
    const deadLetters = new DeadLetterPublisher(this.jetstream.js, {
      streamName: this.options.deadLetterStreamName,
      subjectPrefix: this.options.deadLetterSubjectPrefix,
      publishTimeoutMs: this.options.relay.publishTimeoutMs,
    });
    for (const route of routes) {
      const ensureConsumer = async (): Promise<void> => {
        await ensureDurableConsumer(this.jetstream.jsm, {
          stream: this.options.streamName,
          durable: route.durable,
          filterSubject: this.discovery.filterSubject(route),
          description: `${route.owner} (${route.definition.type} v${route.definition.version})`,
          ackWaitMs: this.options.consumers.ackWaitMs,
          maxAckPending: route.maxInFlight,
          startFrom: route.startFrom,
        });
      };
      // Created before start-up completes, so events published from now on are never missed.
      await this.untilDone(`create consumer ${route.durable}`, ensureConsumer);
      const consumer = new EventConsumer(route, {
        js: this.jetstream.js,
        streamName: this.options.streamName,
        service: this.service,
        inbox: this.storage.inbox,
        deadLetters,
        ackWaitMs: this.options.consumers.ackWaitMs,
        retryBackoffMs: this.options.consumers.retryBackoffMs,
        ensureConsumer,
      });
      consumer.start();
      this.consumers.push(consumer);
    }
    if (routes.length > 0) this.logger.log(`Consuming ${routes.map((r) => r.durable).join(', ')}`);
  }

  private startRelay(): void {
    const { relay, streamName, subjectPrefix } = this.options;
    const send = jetStreamSender(this.jetstream.js, {
      streamName,
      subjectPrefix,
      publishTimeoutMs: relay.publishTimeoutMs,
    });
    this.outboxRelay = new OutboxRelay(this.storage.outbox, send, relay, this.storage.createWakeups());
    this.outboxRelay.start();
  }

  /** Start-up steps that need JetStream are retried (NATS may still be starting), until shutdown. */
  private async untilDone(what: string, step: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await step();
      } catch (error) {
        if (this.stopping.signal.aborted || error instanceof JetStreamConfigConflict) throw error;
        const delay = exponentialBackoffMs(attempt, 250, 10_000);
        this.logger.warn(`Could not ${what} (${errorMessage(error)}); retrying in ${delay} ms`);
        await pause(delay, this.stopping.signal);
      }
    }
  }
}
