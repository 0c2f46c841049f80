import { type LoadResult } from '../lib/http-load';

/**
 * The hello baseline (requests) and the purchase scenarios (orders, two requests each) in one
 * table, each as a ratio of the baseline: what a paid order costs next to the cheapest route.
 */
export function formatOrderResults([hello, ...orders]: readonly LoadResult[]): string {
  const row = (name: string, unit: string, r: LoadResult, httpPerOp: number) =>
    [
      name.padEnd(22),
      `${r.requestsPerSecond} ${unit}`.padStart(14),
      String(r.requestsPerSecond * httpPerOp).padStart(9),
      r.p50Ms.toFixed(2).padStart(9),
      r.p99Ms.toFixed(2).padStart(9),
      String(r.errors).padStart(7),
      `   ${(r.requestsPerSecond / hello.requestsPerSecond).toFixed(3)}x`,
    ].join(' ');
  return [
    'scenario                    per second  HTTP/s    p50 ms    p99 ms  errors   vs hello/s',
    row(hello.name, 'req', hello, 1),
    ...orders.map((r) => row(r.name, 'orders', r, 2)),
  ].join('\n');
}
