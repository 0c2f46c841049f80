import { ConfigError, type PlatformConfig } from '@platform/common';
import { type EventsModuleOptions } from './events.options';

type EventsEnvironment = Pick<
  PlatformConfig,
  'NATS_SUBJECT_PREFIX' | 'EVENTS_STREAM' | 'EVENTS_SUBJECT_PREFIX' | 'DLQ_STREAM' | 'DLQ_SUBJECT_PREFIX'
>;

/**
 * The stream names and subject prefixes a service's environment asks for. Production runs
 * on the defaults; a second environment on the same NATS, or an end-to-end test run, sets
 * its own so its services never read each other's events.
 */
export function eventsOptionsFromConfig(config: EventsEnvironment): EventsModuleOptions {
  // A request subject under an event prefix would be captured by the JetStream stream,
  // which answers it with a publish acknowledgement instead of the service's reply.
  const requestToken = config.NATS_SUBJECT_PREFIX.split('.')[0];
  const eventTokens = [config.EVENTS_SUBJECT_PREFIX, config.DLQ_SUBJECT_PREFIX ?? 'dlq'];
  if (requestToken && eventTokens.includes(requestToken)) {
    throw new ConfigError([
      `NATS_SUBJECT_PREFIX: "${config.NATS_SUBJECT_PREFIX}" overlaps the event subjects ` +
        `(EVENTS_SUBJECT_PREFIX / DLQ_SUBJECT_PREFIX); give requests and events different first tokens`,
    ]);
  }
  return {
    streamName: config.EVENTS_STREAM,
    subjectPrefix: config.EVENTS_SUBJECT_PREFIX,
    ...(config.DLQ_STREAM ? { deadLetterStreamName: config.DLQ_STREAM } : {}),
    ...(config.DLQ_SUBJECT_PREFIX ? { deadLetterSubjectPrefix: config.DLQ_SUBJECT_PREFIX } : {}),
  };
}
