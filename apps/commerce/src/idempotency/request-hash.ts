import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so `{a, b}` and `{b, a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}

/** SHA-256 of what the request asks for: its canonical JSON without the idempotency key itself. */
export function hashRequest(request: object): string {
  const { idempotencyKey: _key, ...rest } = request as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
