import { CourseArchived } from '../catalog/course.events';
import { UserDeleted } from '../catalog/identity.events';
import { decodeEvent } from '../envelope/decode-event';
import { afterHandlerFailure, triageDelivery } from './delivery-triage';

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const id = '01890000-0000-7000-8000-0000000000aa';
const envelope = (overrides: Record<string, unknown> = {}) => ({
  id,
  type: 'identity.user.deleted',
  version: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  source: 'identity',
  aggregateId: id,
  correlationId: 'corr',
  data: { userId: id },
  ...overrides,
});
const route = {
  durable: 'course-users',
  definition: UserDeleted,
  maxDeliveries: 3,
  siblingVersions: new Set<number>(),
};

describe('triageDelivery', () => {
  it('hands a valid event to the handler, with unknown payload fields stripped', () => {
    const verdict = triageDelivery(
      decodeEvent(encode(envelope({ data: { userId: id, extra: 1 } }))),
      route,
      1,
    );
    expect(verdict).toEqual({ action: 'handle', envelope: envelope() });
  });

  it.each([
    ['bytes that are not UTF-8 JSON', new Uint8Array([0xff, 0xfe, 0x7b]), 'undecodable'],
    ['JSON that is no envelope', encode({ hello: 'world' }), 'undecodable'],
    ['an envelope without a valid id', encode(envelope({ id: 'nope' })), 'undecodable'],
    [
      'a type the catalog does not know',
      encode(envelope({ type: 'identity.user.exploded' })),
      'unknown-event',
    ],
    ['a version the catalog does not know', encode(envelope({ version: 9 })), 'unknown-event'],
    ['a payload failing its schema', encode(envelope({ data: { userId: 'x' } })), 'invalid-payload'],
  ])('dead-letters %s at once', (_label, bytes, reason) => {
    expect(triageDelivery(decodeEvent(bytes), route, 1)).toMatchObject({ action: 'dead-letter', reason });
  });

  it('dead-letters an event of another type than its subject promises', () => {
    const verdict = triageDelivery(
      decodeEvent(encode(envelope())),
      { ...route, definition: CourseArchived },
      1,
    );
    expect(verdict).toMatchObject({ action: 'dead-letter', reason: 'undecodable', eventId: id });
  });

  it('skips a version another handler of the service takes, and parks one nobody takes', () => {
    const v1only = { ...route, definition: { ...UserDeleted, version: 2 } };
    const decoded = decodeEvent(encode(envelope()));
    expect(triageDelivery(decoded, v1only, 1)).toMatchObject({
      action: 'dead-letter',
      reason: 'unhandled-version',
    });
    expect(triageDelivery(decoded, { ...v1only, siblingVersions: new Set([1]) }, 1)).toMatchObject({
      action: 'skip',
    });
  });

  it('parks a message delivered more often than allowed without an outcome', () => {
    expect(triageDelivery(decodeEvent(encode(envelope())), route, 3)).toMatchObject({ action: 'handle' });
    expect(triageDelivery(decodeEvent(encode(envelope())), route, 4)).toMatchObject({
      action: 'dead-letter',
      reason: 'max-deliveries',
    });
  });

  it('lets a DLQ replay through only to the consumer it is for, even when it cannot be decoded', () => {
    const poison = decodeEvent(new TextEncoder().encode('nope'));
    expect(triageDelivery(poison, route, 1, 'course-other')).toEqual({
      action: 'skip',
      why: 'replay-for-another-consumer',
    });
    expect(triageDelivery(poison, route, 1, 'course-users')).toMatchObject({ action: 'dead-letter' });
    expect(triageDelivery(decodeEvent(encode(envelope())), route, 1, 'course-users')).toMatchObject({
      action: 'handle',
    });
  });
});

describe('afterHandlerFailure', () => {
  it('retries with the scheduled delay until the last allowed delivery, then dead-letters', () => {
    expect(afterHandlerFailure(1, 3, [10, 20])).toEqual({ action: 'retry', delayMs: 10 });
    expect(afterHandlerFailure(2, 3, [10, 20])).toEqual({ action: 'retry', delayMs: 20 });
    expect(afterHandlerFailure(3, 3, [10, 20])).toEqual({ action: 'dead-letter' });
  });
});
