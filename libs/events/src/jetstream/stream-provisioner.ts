import { Logger } from '@nestjs/common';
import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  nanos,
} from 'nats';
import { type ResolvedEventsOptions } from '../events.options';
import { JS_ERROR, jetStreamErrorCode } from './jetstream-errors';

const logger = new Logger('JetStreamProvisioner');

/** An existing stream or consumer conflicts with what the service needs: retrying cannot help. */
export class JetStreamConfigConflict extends Error {
  override readonly name = 'JetStreamConfigConflict';
}

export type StreamSpec = Pick<
  StreamConfig,
  'name' | 'subjects' | 'description' | 'max_age' | 'duplicate_window' | 'num_replicas'
>;

/** EVENTS and, for services that consume (they are the ones that park messages), DLQ. */
export function eventStreamSpecs(options: ResolvedEventsOptions, withDeadLetters = true): StreamSpec[] {
  const specs: StreamSpec[] = [
    {
      name: options.streamName,
      subjects: [`${options.subjectPrefix}.>`],
      description: 'Domain events of the platform (one subject per event type)',
      max_age: nanos(options.streamMaxAgeMs),
      duplicate_window: nanos(options.duplicateWindowMs),
      num_replicas: options.replicas,
    },
    {
      name: options.deadLetterStreamName,
      subjects: [`${options.deadLetterSubjectPrefix}.>`],
      description: 'Messages no handler could take: inspect and replay with `npm run dlq`',
      max_age: nanos(options.deadLetterMaxAgeMs),
      duplicate_window: nanos(options.duplicateWindowMs),
      num_replicas: options.replicas,
    },
  ];
  return withDeadLetters ? specs : specs.slice(0, 1);
}

/**
 * Creates a stream or brings an existing one to `spec`, so every service may run this at
 * start (replicas racing included). File storage and limits retention are fixed: a stream
 * that was created otherwise is reported, not silently recreated (it would lose messages).
 */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<void> {
  const existing = await jsm.streams.info(spec.name).catch((error: unknown) => {
    if (jetStreamErrorCode(error) === JS_ERROR.streamNotFound) return undefined;
    throw error;
  });
  if (!existing) {
    try {
      await jsm.streams.add({
        ...spec,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
      });
      logger.log(`Created stream ${spec.name} on ${spec.subjects.join(', ')}`);
      return;
    } catch (error) {
      // Another process created it between our info and add: fall through to the update.
      if (jetStreamErrorCode(error) !== JS_ERROR.streamNameInUse) throw error;
      return ensureStream(jsm, spec);
    }
  }
  const config = existing.config;
  if (config.storage !== StorageType.File || config.retention !== RetentionPolicy.Limits) {
    throw new JetStreamConfigConflict(
      `Stream ${spec.name} exists with ${config.storage} storage and ${config.retention} retention; ` +
        'events need file storage and limits retention (recreate it by hand after draining it)',
    );
  }
  const differs =
    config.subjects.join(',') !== spec.subjects.join(',') ||
    config.max_age !== spec.max_age ||
    config.duplicate_window !== spec.duplicate_window ||
    config.num_replicas !== spec.num_replicas ||
    config.description !== spec.description;
  if (!differs) return;
  await jsm.streams.update(spec.name, { ...config, ...spec });
  logger.log(`Updated stream ${spec.name}`);
}

export interface DurableConsumerSpec {
  stream: string;
  durable: string;
  filterSubject: string;
  description: string;
  ackWaitMs: number;
  maxAckPending: number;
  /** Applies when the consumer is first created; JetStream cannot change it afterwards. */
  startFrom: 'all' | 'new';
}

/**
 * Creates a durable pull consumer or updates what JetStream lets change. Redeliveries are
 * unlimited on the server (max_deliver -1): the runtime counts deliveries itself and
 * dead-letters, so a message is never silently dropped by a server-side limit.
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  spec: DurableConsumerSpec,
): Promise<ConsumerInfo> {
  const config: Partial<ConsumerConfig> & { durable_name: string } = {
    durable_name: spec.durable,
    description: spec.description,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: spec.startFrom === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
    filter_subject: spec.filterSubject,
    max_deliver: -1,
    ack_wait: nanos(spec.ackWaitMs),
    max_ack_pending: spec.maxAckPending,
  };
  const existing = await jsm.consumers.info(spec.stream, spec.durable).catch((error: unknown) => {
    if (jetStreamErrorCode(error) === JS_ERROR.consumerNotFound) return undefined;
    throw error;
  });
  if (!existing) return jsm.consumers.add(spec.stream, config);
  if (existing.config.filter_subject !== spec.filterSubject) {
    throw new JetStreamConfigConflict(
      `Consumer ${spec.durable} on ${spec.stream} filters ${existing.config.filter_subject}, not ` +
        `${spec.filterSubject}; a consumer's filter cannot change in place: give the handler a new consumer name`,
    );
  }
  const same =
    existing.config.ack_wait === config.ack_wait &&
    existing.config.max_ack_pending === config.max_ack_pending &&
    existing.config.description === config.description &&
    existing.config.max_deliver === config.max_deliver;
  if (same) return existing;
  return jsm.consumers.update(spec.stream, spec.durable, {
    description: config.description,
    ack_wait: config.ack_wait,
    max_ack_pending: config.max_ack_pending,
    max_deliver: config.max_deliver,
  });
}
