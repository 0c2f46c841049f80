import { type Inbox } from './consumers/inbox';
import { type OutboxStore, type OutboxWakeups } from './outbox/outbox-store';
import { type RetentionTask } from './support/retention-job';

/**
 * What the runtime needs from the service's database: the outbox, the inbox, wake-ups on
 * new outbox rows, and what to prune. PostgreSQL and MongoDB each provide one.
 */
export interface EventStorage {
  readonly outbox: OutboxStore;
  readonly inbox: Inbox;
  createWakeups(): OutboxWakeups;
  retentionTasks(retention: { outboxRetentionMs: number; inboxRetentionMs: number }): RetentionTask[];
}

export const EVENTS_STORAGE = Symbol('EVENTS_STORAGE');
