/**
 * A benchmark size from the environment: a positive integer up to `max` (benchmarks are
 * bounded, they stop by themselves), or `fallback` when unset.
 */
export function positiveIntFromEnv(name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be an integer from 1 to ${max}`);
  }
  return value;
}
