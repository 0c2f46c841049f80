import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until it returns a value `accept` likes, or fails after `timeoutMs` with the
 * last value seen. For outcomes that arrive asynchronously (an event handled, a backlog
 * drained); the timeout is a safety net, not a speed assertion.
 */
export async function waitUntil<T>(
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    }
    await sleep(intervalMs);
  }
}
