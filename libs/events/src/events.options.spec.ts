import { resolveEventsOptions } from './events.options';

describe('resolveEventsOptions', () => {
  it('defaults to the contract: EVENTS on events.>, DLQ on dlq.>, a 2-minute duplicate window', () => {
    expect(resolveEventsOptions()).toMatchObject({
      streamName: 'EVENTS',
      subjectPrefix: 'events',
      deadLetterStreamName: 'DLQ',
      deadLetterSubjectPrefix: 'dlq',
      duplicateWindowMs: 120_000,
      relay: { enabled: true },
      consumers: { enabled: true, maxDeliveries: 5 },
    });
  });

  it('gives a renamed events stream its own dead-letter stream and subjects', () => {
    expect(resolveEventsOptions({ streamName: 'EV_t1', subjectPrefix: 'ev_t1' })).toMatchObject({
      deadLetterStreamName: 'EV_t1_DLQ',
      deadLetterSubjectPrefix: 'ev_t1_dlq',
    });
  });

  it('merges partial relay and consumer options over the defaults', () => {
    const options = resolveEventsOptions({ relay: { batchSize: 10 }, consumers: { maxInFlight: 1 } });
    expect(options.relay).toMatchObject({ batchSize: 10, pollIntervalMs: 1_000 });
    expect(options.consumers).toMatchObject({ maxInFlight: 1, maxDeliveries: 5 });
  });

  it('rejects options that would break the contract, naming every problem', () => {
    const attempt = () =>
      resolveEventsOptions({
        duplicateWindowMs: 1_000,
        subjectPrefix: 'events',
        deadLetterSubjectPrefix: 'events.dlq',
        streamName: 'bad name',
        relay: { batchSize: 0 },
        consumers: { retryBackoffMs: [] },
      });
    expect(attempt).toThrow(/streamName "bad name"/);
    expect(attempt).toThrow(/must not overlap/);
    expect(attempt).toThrow(/duplicateWindowMs must be at least 2 minutes/);
    expect(attempt).toThrow(/relay.batchSize must be a positive integer/);
    expect(attempt).toThrow(/retryBackoffMs needs at least one delay/);
  });
});
