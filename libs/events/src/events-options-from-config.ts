import { type PlatformConfig } from '@platform/common';
import { type EventsModuleOptions } from './events.options';

type EventsEnvironment = Pick<
  PlatformConfig,
  'EVENTS_STREAM' | 'EVENTS_SUBJECT_PREFIX' | 'DLQ_STREAM' | 'DLQ_SUBJECT_PREFIX'
>;

/**
 * The stream names and subject prefixes a service's environment asks for. Production runs
 * on the defaults; a second environment on the same NATS, or an end-to-end test run, sets
 * its own so its services never read each other's events.
 */
export function eventsOptionsFromConfig(config: EventsEnvironment): EventsModuleOptions {
  return {
    streamName: config.EVENTS_STREAM,
    subjectPrefix: config.EVENTS_SUBJECT_PREFIX,
    ...(config.DLQ_STREAM ? { deadLetterStreamName: config.DLQ_STREAM } : {}),
    ...(config.DLQ_SUBJECT_PREFIX ? { deadLetterSubjectPrefix: config.DLQ_SUBJECT_PREFIX } : {}),
  };
}
