/** What a dead letter says about itself, beside the original message bytes (its body). */
export const DEAD_LETTER_HEADERS = {
  service: 'x-dlq-service',
  consumer: 'x-dlq-consumer',
  reason: 'x-dlq-reason',
  error: 'x-dlq-error',
  deliveries: 'x-dlq-deliveries',
  failedAt: 'x-dlq-failed-at',
  originalSubject: 'x-dlq-original-subject',
  originalStream: 'x-dlq-original-stream',
  originalSequence: 'x-dlq-original-sequence',
  eventId: 'x-dlq-event-id',
  eventType: 'x-dlq-event-type',
} as const;

/** Set on a message put back into EVENTS by a replay: where it came from. */
export const REPLAY_HEADER = 'x-replayed-from';
/** Set on a replay: the one consumer it is for; the others on its subject ack it unread. */
export const REPLAY_FOR_HEADER = 'x-replay-for';

/**
 * Why a message was parked:
 * - undecodable: not JSON, or not an event envelope;
 * - unknown-event: a (type, version) this build's catalog does not have;
 * - invalid-payload: data fails the schema of its (type, version);
 * - unhandled-version: the catalog knows it, but no handler of this service takes that version;
 * - handler-failed: the handler threw on each of the allowed deliveries;
 * - max-deliveries: delivered more often than allowed without an answer (crashes, ack timeouts).
 */
export type DeadLetterReason =
  | 'undecodable'
  | 'unknown-event'
  | 'invalid-payload'
  | 'unhandled-version'
  | 'handler-failed'
  | 'max-deliveries';
