import { setTimeout as sleep } from 'node:timers/promises';
import { exponentialBackoffMs, pause, redeliveryDelayMs } from './backoff';
import { KeyedSerializer, Semaphore } from './keyed-serializer';

describe('KeyedSerializer', () => {
  it('runs tasks of one key in order and of different keys concurrently', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
    };
    await Promise.all([
      serializer.run('a', task('a1', 30)),
      serializer.run('a', task('a2', 1)),
      serializer.run('b', task('b1', 1)),
    ]);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    expect(serializer.size).toBe(0);
  });

  it('keeps going after a failed task and reports the failure to its caller only', async () => {
    const serializer = new KeyedSerializer();
    const failed = serializer.run('a', () => Promise.reject(new Error('boom')));
    const next = serializer.run('a', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});

describe('Semaphore', () => {
  it('admits at most its limit and hands slots over in order', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        await semaphore.acquire();
        running += 1;
        peak = Math.max(peak, running);
        await sleep(5);
        running -= 1;
        semaphore.release();
      }),
    );
    expect(peak).toBe(2);
  });
});

describe('backoff', () => {
  it('grows exponentially between half and all of the capped delay', () => {
    expect(exponentialBackoffMs(1, 100, 10_000, () => 0)).toBe(50);
    expect(exponentialBackoffMs(1, 100, 10_000, () => 1)).toBe(100);
    expect(exponentialBackoffMs(4, 100, 10_000, () => 1)).toBe(800);
    expect(exponentialBackoffMs(50, 100, 10_000, () => 1)).toBe(10_000);
  });

  it('picks the redelivery delay by failures, repeating the last', () => {
    expect(redeliveryDelayMs(1, [10, 20])).toBe(10);
    expect(redeliveryDelayMs(2, [10, 20])).toBe(20);
    expect(redeliveryDelayMs(9, [10, 20])).toBe(20);
  });

  it('pauses until aborted', async () => {
    const controller = new AbortController();
    const paused = pause(60_000, controller.signal);
    controller.abort();
    await expect(paused).resolves.toBeUndefined();
  });
});
