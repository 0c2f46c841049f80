import { ConfigError, loadConfig, platformConfigSchema } from '@platform/common';
import { resolveEventsOptions } from './events.options';
import { eventsOptionsFromConfig } from './events-options-from-config';

describe('eventsOptionsFromConfig', () => {
  it('keeps the production names by default', () => {
    const resolved = resolveEventsOptions(eventsOptionsFromConfig(loadConfig(platformConfigSchema, {})));
    expect(resolved).toMatchObject({
      streamName: 'EVENTS',
      subjectPrefix: 'events',
      deadLetterStreamName: 'DLQ',
      deadLetterSubjectPrefix: 'dlq',
    });
  });

  it('gives a namespaced environment its own streams, dead letters included', () => {
    const config = loadConfig(platformConfigSchema, {
      EVENTS_STREAM: 'STAGING',
      EVENTS_SUBJECT_PREFIX: 'staging',
    });
    expect(resolveEventsOptions(eventsOptionsFromConfig(config))).toMatchObject({
      streamName: 'STAGING',
      subjectPrefix: 'staging',
      deadLetterStreamName: 'STAGING_DLQ',
      deadLetterSubjectPrefix: 'staging_dlq',
    });
  });

  it('refuses names NATS would not accept', () => {
    expect(() => loadConfig(platformConfigSchema, { EVENTS_STREAM: 'has space' })).toThrow(/EVENTS_STREAM/);
    expect(() => loadConfig(platformConfigSchema, { NATS_SUBJECT_PREFIX: 'no-dot' })).toThrow(
      /NATS_SUBJECT_PREFIX/,
    );
  });

  it('refuses request subjects that JetStream would capture as events', () => {
    const config = loadConfig(platformConfigSchema, {
      NATS_SUBJECT_PREFIX: 'staging.',
      EVENTS_SUBJECT_PREFIX: 'staging',
    });
    expect(() => eventsOptionsFromConfig(config)).toThrow(ConfigError);
  });
});
