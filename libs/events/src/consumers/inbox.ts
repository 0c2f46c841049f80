import { type EventEnvelope } from '../envelope/event-envelope';

export type InboxOutcome = 'handled' | 'duplicate';

/**
 * Runs a handler at most once per (consumer, event): the inbox row and the handler's
 * writes commit together or not at all. One implementation per database.
 */
export interface Inbox {
  runOnce(consumer: string, envelope: EventEnvelope, work: () => Promise<void>): Promise<InboxOutcome>;
  /** Deletes inbox rows older than `retentionMs`; returns how many. */
  prune(retentionMs: number): Promise<number>;
}
