import { newId } from '@platform/common';
import {
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type UserRegistered,
} from '@platform/events';

/** A valid identity.user.registered payload (the event most tests send around). */
export function registeredUser(
  userId: string,
  overrides: Partial<EventData<typeof UserRegistered>> = {},
): EventData<typeof UserRegistered> {
  const name = overrides.name ?? 'Ada';
  return {
    userId,
    name,
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`,
    roles: ['student'],
    avatarUrl: null,
    headline: null,
    locale: null,
    ...overrides,
  };
}

/**
 * An envelope as the relay would publish it, for tests that put messages on JetStream
 * themselves (duplicates, poison messages) or call a handler directly. `overrides` may
 * break it on purpose (wrong version, invalid data).
 */
export function sampleEnvelope<E extends EventDefinition>(
  definition: E,
  data: EventData<E>,
  overrides: Partial<EventEnvelope> = {},
): EventEnvelope<EventData<E>> {
  const id = newId();
  return {
    id,
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    source: definition.source,
    aggregateId: id,
    correlationId: newId(),
    data,
    ...overrides,
  } as EventEnvelope<EventData<E>>;
}
