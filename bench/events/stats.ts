/** What one pipeline achieved: how many events, over how long, and each event's latency. */
export interface Measurement {
  events: number;
  elapsedMs: number;
  latenciesMs: number[];
}

export interface Summary {
  perSecond: number;
  p50: number;
  p99: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(measurement: Measurement): Summary {
  return {
    perSecond: measurement.events / (measurement.elapsedMs / 1_000),
    p50: percentile(measurement.latenciesMs, 50),
    p99: percentile(measurement.latenciesMs, 99),
  };
}

/** The two pipelines side by side, then the outbox pipeline as a ratio of the raw baseline. */
export function report(raw: Summary, outbox: Summary, commitsPerSecond: number): string {
  const row = (label: string, cells: string[]): string =>
    [label.padEnd(36), ...cells.map((cell) => cell.padStart(12))].join('');
  const fmt = (value: number, digits = 1): string => value.toFixed(digits);
  return [
    row('', ['events/s', 'p50 ms', 'p99 ms']),
    row('raw JetStream publish → consume', [fmt(raw.perSecond, 0), fmt(raw.p50, 2), fmt(raw.p99, 2)]),
    row('outbox → relay → consumer → inbox', [
      fmt(outbox.perSecond, 0),
      fmt(outbox.p50, 2),
      fmt(outbox.p99, 2),
    ]),
    row('(PostgreSQL commits alone)', [fmt(commitsPerSecond, 0), '', '']),
    row('outbox ÷ raw', [
      `${fmt(outbox.perSecond / raw.perSecond, 2)}×`,
      `${fmt(outbox.p50 / raw.p50, 1)}×`,
      `${fmt(outbox.p99 / raw.p99, 1)}×`,
    ]),
  ].join('\n');
}
