/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retrying
 * replicas spread out instead of hammering a recovering NATS or database in lockstep.
 */
export function exponentialBackoffMs(
  attempt: number,
  minMs: number,
  maxMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Delay before redelivering a message that failed its n-th delivery (n ≥ 1); the last entry repeats. */
export function redeliveryDelayMs(failedDeliveries: number, schedule: readonly number[]): number {
  const index = Math.min(Math.max(failedDeliveries, 1), schedule.length) - 1;
  return schedule[index];
}

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps a long-lived session (a LISTEN connection, a change stream, a consumer subscription)
 * going until `signal` aborts: whenever it ends or fails, waits a growing backoff and opens
 * it again. A session calls `healthy()` once it is up, which resets the backoff.
 */
export async function reopenForever(
  signal: AbortSignal,
  session: (healthy: () => void) => Promise<void>,
  onFailure: (error: unknown) => void,
): Promise<void> {
  for (let attempt = 1; !signal.aborted; attempt += 1) {
    try {
      await session(() => {
        attempt = 0;
      });
    } catch (error) {
      if (!signal.aborted) onFailure(error);
    }
    await pause(exponentialBackoffMs(Math.max(attempt, 1), 200, 10_000), signal);
  }
}
