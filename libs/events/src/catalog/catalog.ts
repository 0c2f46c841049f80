import { COMMERCE_EVENTS } from './commerce.events';
import { COURSE_EVENTS } from './course.events';
import { type EventDefinition } from './define-event';
import { IDENTITY_EVENTS } from './identity.events';

/**
 * Every event type of the platform, one file per producing service. A consumer finds
 * the schema of an incoming (type, version) here; an unknown pair is dead-lettered.
 */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  ...IDENTITY_EVENTS,
  ...COURSE_EVENTS,
  ...COMMERCE_EVENTS,
];

const byKey = new Map(
  EVENT_CATALOG.map((definition) => [catalogKey(definition.type, definition.version), definition]),
);
if (byKey.size !== EVENT_CATALOG.length)
  throw new Error('The event catalog declares a (type, version) twice');

export function catalogKey(type: string, version: number): string {
  return `${type}@v${version}`;
}

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return byKey.get(catalogKey(type, version));
}
