import { Agent, request } from 'node:http';

/**
 * A small closed-loop HTTP load generator for the benchmarks: `concurrency` workers each
 * send one request after another over keep-alive connections for a bounded time. It only
 * targets this machine (127.0.0.1, localhost, ::1) and refuses open-ended runs.
 */
export interface LoadOptions {
  name: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Simultaneous requests in flight, 1–256. */
  concurrency: number;
  /** Measured time, 100 ms – 120 s. */
  durationMs: number;
  /** Time spent first, not measured (JIT, connection setup, caches). Default 1 s. */
  warmupMs?: number;
  /** Responses with another status count as errors. Default 200. */
  expectStatus?: number;
}

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  durationMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const MAX_DURATION_MS = 120_000;
const MAX_CONCURRENCY = 256;

export function assertLoopback(url: URL): void {
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(
      `Benchmarks only target this machine over http (127.0.0.1, localhost, ::1), not ${url.host}`,
    );
  }
}

function validateLoop(options: LoopOptions): void {
  if (
    !Number.isInteger(options.concurrency) ||
    options.concurrency < 1 ||
    options.concurrency > MAX_CONCURRENCY
  ) {
    throw new Error(`concurrency must be 1–${MAX_CONCURRENCY}`);
  }
  if (!(options.durationMs >= 100 && options.durationMs <= MAX_DURATION_MS)) {
    throw new Error(`durationMs must be 100–${MAX_DURATION_MS}`);
  }
}

function validate(options: LoadOptions): URL {
  const url = new URL(options.url);
  assertLoopback(url);
  validateLoop(options);
  return url;
}

function send(agent: Agent, url: URL, options: LoadOptions): Promise<number> {
  return sendRequest(agent, url, options).then((response) => response.status);
}

export interface SentRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request over `agent` (loopback only); resolves with the status and the body text. */
export function sendRequest(
  agent: Agent,
  url: URL,
  options: SentRequest,
): Promise<{ status: number; text: string }> {
  assertLoopback(url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent, timeout: 10_000 },
      (res) => {
        // Read the body to its end so the connection is reused.
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Value at quantile q of sorted samples (nearest rank). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/**
 * One unit of work of a closed-loop scenario (a request, or a whole purchase of several):
 * true when it succeeded. Its duration is one latency sample.
 */
export type Operation = (agent: Agent, worker: number) => Promise<boolean>;

export interface LoopOptions {
  name: string;
  /** Simultaneous operations in flight (one worker each), 1–256. */
  concurrency: number;
  /** Measured time, 100 ms – 120 s. */
  durationMs: number;
  /** Time spent first, not measured. Default 1 s. */
  warmupMs?: number;
}

async function phase(
  agent: Agent,
  options: LoopOptions,
  operation: Operation,
  ms: number,
  samples?: number[],
): Promise<number> {
  const end = performance.now() + ms;
  let errors = 0;
  const worker = async (index: number): Promise<void> => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        if (!(await operation(agent, index))) errors += 1;
      } catch {
        errors += 1;
      }
      samples?.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  return errors;
}

/** Runs `operation` in `concurrency` closed loops over keep-alive connections, warm-up first. */
export async function runClosedLoop(options: LoopOptions, operation: Operation): Promise<LoadResult> {
  validateLoop(options);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    await phase(agent, options, operation, options.warmupMs ?? 1_000);
    const samples: number[] = [];
    const started = performance.now();
    const errors = await phase(agent, options, operation, options.durationMs, samples);
    const durationMs = performance.now() - started;
    const sorted = Float64Array.from(samples).sort();
    return {
      name: options.name,
      requests: samples.length,
      errors,
      durationMs: Math.round(durationMs),
      requestsPerSecond: Math.round((samples.length / durationMs) * 1_000),
      p50Ms: round(quantile(sorted, 0.5)),
      p90Ms: round(quantile(sorted, 0.9)),
      p99Ms: round(quantile(sorted, 0.99)),
      maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    };
  } finally {
    agent.destroy();
  }
}

/** The same request over and over (`expectStatus`, default 200, counts as success). */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = validate(options);
  const expected = options.expectStatus ?? 200;
  return runClosedLoop(options, async (agent) => (await send(agent, url, options)) === expected);
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** A table of results, each compared with the first (the baseline). */
export function formatResults(results: readonly LoadResult[]): string {
  const [baseline] = results;
  const lines = [
    'scenario              req/s    p50 ms   p99 ms   errors   vs ' + (baseline?.name ?? '-'),
    ...results.map((r) => {
      const ratio =
        baseline && baseline.requestsPerSecond > 0 ? r.requestsPerSecond / baseline.requestsPerSecond : NaN;
      return [
        r.name.padEnd(18),
        String(r.requestsPerSecond).padStart(8),
        r.p50Ms.toFixed(2).padStart(9),
        r.p99Ms.toFixed(2).padStart(8),
        String(r.errors).padStart(8),
        `   ${ratio.toFixed(3)}x req/s, ${(r.p50Ms / (baseline?.p50Ms ?? NaN)).toFixed(2)}x p50`,
      ].join(' ');
    }),
  ];
  return lines.join('\n');
}
