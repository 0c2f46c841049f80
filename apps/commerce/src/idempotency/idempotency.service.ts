import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ConflictError,
  IdempotencyKeyReusedError,
  type ErrorCode,
  errorFromJson,
  isAppError,
} from '@platform/common';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { type StoredReply } from './idempotency-key.entity';
import { IdempotencyRepository, type IdempotencyScope } from './idempotency.repository';
import { hashRequest } from './request-hash';

/**
 * Outcomes worth retrying with the same key: the work did not run to a decision, so the
 * key is released instead of remembering the failure forever. Every other AppError is the
 * request's answer (declined, out of stock, invalid state, …) and is replayed.
 */
const PASSING_FAILURES = new Set<ErrorCode>([
  'UNAVAILABLE',
  'TIMEOUT',
  'TRANSACTION_CONFLICT',
  'INTERNAL',
  'RATE_LIMITED',
  'IDEMPOTENCY_KEY_IN_USE',
  'PAYMENT_IN_PROGRESS',
]);

const POLL_MS = 25;

export function isFinalOutcome(error: unknown): boolean {
  return isAppError(error) && !PASSING_FAILURES.has(error.code);
}

/**
 * Runs a request at most once per (user, operation, key) and replays its first answer.
 * A concurrent duplicate finds the claimed key and waits for the first answer (bounded by
 * IDEMPOTENCY_WAIT_MS, then 409 IDEMPOTENCY_KEY_IN_USE). The same key with another body is
 * 422 IDEMPOTENCY_KEY_REUSED. The work itself must also be safe to re-run after a crash
 * between its commit and the stored answer (orders and payments carry the key for that).
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(
    private readonly keys: IdempotencyRepository,
    @Inject(COMMERCE_CONFIG) private readonly config: CommerceConfig,
  ) {}

  async execute<T>(scope: IdempotencyScope, request: object, work: () => Promise<T>): Promise<T> {
    const requestHash = hashRequest(request);
    const deadline = Date.now() + this.config.IDEMPOTENCY_WAIT_MS;
    for (;;) {
      if (await this.keys.claim(scope, requestHash, this.config.IDEMPOTENCY_LEASE_SECONDS)) {
        return this.runClaimed(scope, work);
      }
      const stored = await this.keys.find(scope);
      if (!stored) continue; // released by a failed first attempt: claim it ourselves
      if (stored.requestHash !== requestHash) {
        throw new IdempotencyKeyReusedError(
          'This Idempotency-Key was used with another request; use a new key for a new request',
          { details: { operation: scope.operation } },
        );
      }
      if (stored.state === 'completed' && stored.reply) return replay<T>(stored.reply);
      if (Date.now() >= deadline) {
        throw new ConflictError('A request with this Idempotency-Key is still in progress; retry shortly', {
          code: 'IDEMPOTENCY_KEY_IN_USE',
          details: { operation: scope.operation },
        });
      }
      await sleep(POLL_MS);
    }
  }

  private async runClaimed<T>(scope: IdempotencyScope, work: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await this.settle(scope, isFinalOutcome(error) && isAppError(error) ? { error: error.toJSON() } : null);
      throw error;
    }
    await this.settle(scope, { data: result ?? null });
    return result;
  }

  /**
   * Stores the answer (or releases the key). If that write fails the answer still goes out;
   * the key then stays claimed until its lease ends, and a retry re-runs the work, which
   * finds what the first run did by its key.
   */
  private async settle(scope: IdempotencyScope, reply: StoredReply | null): Promise<void> {
    try {
      if (reply) await this.keys.complete(scope, reply);
      else await this.keys.release(scope);
    } catch (error) {
      this.logger.error(
        `Could not record the outcome of ${scope.operation}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function replay<T>(reply: StoredReply): T {
  if ('error' in reply) throw errorFromJson(reply.error);
  return reply.data as T;
}
