export * from './catalog/catalog';
export * from './catalog/commerce.events';
export * from './catalog/course.events';
export * from './catalog/define-event';
export * from './catalog/identity.events';
export * from './consumers/event-handler.decorator';
export * from './consumers/inbox';
export * from './consumers/inbox-entry.entity';
export * from './consumers/postgres-inbox';
export * from './dead-letters/dead-letter-headers';
export * from './dead-letters/dead-letter-queue';
export * from './dead-letters/dlq-command';
export * from './envelope/decode-event';
export * from './envelope/event-envelope';
export * from './envelope/event-headers';
export * from './events.module';
export * from './events.options';
export * from './events.runtime';
export * from './events.tokens';
export * from './jetstream/jetstream-context';
export * from './jetstream/stream-provisioner';
export * from './metrics/event-metrics';
export * from './migrations/1763800000000-CreateEventTables';
export * from './outbox/event-publisher';
export * from './outbox/jetstream-event-sender';
export * from './outbox/outbox-event.entity';
export * from './outbox/outbox-relay';
export * from './outbox/outbox-store';
export * from './outbox/postgres-outbox-store';
export * from './outbox/postgres-outbox-wakeups';
export * from './postgres-event-storage';

import { InboxEntry } from './consumers/inbox-entry.entity';
import { CreateEventTables1763800000000 } from './migrations/1763800000000-CreateEventTables';
import { OutboxEvent } from './outbox/outbox-event.entity';

/** Add to a service's entities and migrations so its database holds the outbox and inbox. */
export const EVENT_ENTITIES = [OutboxEvent, InboxEntry];
export const EVENT_MIGRATIONS = [CreateEventTables1763800000000];
