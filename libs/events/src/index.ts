export * from './catalog/catalog';
export * from './catalog/commerce.events';
export * from './catalog/course.events';
export * from './catalog/define-event';
export * from './catalog/identity.events';
export * from './consumers/event-handler.decorator';
export * from './consumers/inbox-entry.entity';
export * from './envelope/event-envelope';
export * from './events.module';
export * from './migrations/1763800000000-CreateEventTables';
export * from './outbox/event-publisher';
export * from './outbox/outbox-event.entity';

import { InboxEntry } from './consumers/inbox-entry.entity';
import { CreateEventTables1763800000000 } from './migrations/1763800000000-CreateEventTables';
import { OutboxEvent } from './outbox/outbox-event.entity';

/** Add to a service's entities and migrations so its database holds the outbox and inbox. */
export const EVENT_ENTITIES = [OutboxEvent, InboxEntry];
export const EVENT_MIGRATIONS = [CreateEventTables1763800000000];
