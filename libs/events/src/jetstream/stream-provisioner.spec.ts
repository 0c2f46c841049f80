import { nanos } from 'nats';
import { resolveEventsOptions } from '../events.options';
import { eventStreamSpecs } from './stream-provisioner';

describe('eventStreamSpecs', () => {
  it('describes EVENTS on events.> with a 2-minute duplicate window, and DLQ on dlq.>', () => {
    const [events, deadLetters] = eventStreamSpecs(resolveEventsOptions());
    expect(events).toMatchObject({
      name: 'EVENTS',
      subjects: ['events.>'],
      duplicate_window: nanos(120_000),
      max_age: nanos(7 * 24 * 3_600_000),
      num_replicas: 1,
    });
    expect(deadLetters).toMatchObject({
      name: 'DLQ',
      subjects: ['dlq.>'],
      max_age: nanos(30 * 24 * 3_600_000),
    });
  });

  it('leaves DLQ out for a service without consumers (only consumers park messages)', () => {
    expect(eventStreamSpecs(resolveEventsOptions(), false).map((spec) => spec.name)).toEqual(['EVENTS']);
  });
});
