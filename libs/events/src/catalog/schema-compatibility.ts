import { isDeepStrictEqual } from 'node:util';

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  [keyword: string]: unknown;
};

/**
 * Lists why `next` cannot replace `previous` under the same version. Consumers read events
 * of both shapes from one stream, so the only safe change is a new optional field
 * (consumers ignore what they do not know). Anything else needs a version bump.
 */
export function incompatibilities(previous: JsonSchema, next: JsonSchema, path = 'data'): string[] {
  if (previous.type === 'object' && next.type === 'object') {
    const problems: string[] = [];
    const before = previous.properties ?? {};
    const after = next.properties ?? {};
    const requiredBefore = new Set(previous.required ?? []);
    const requiredAfter = new Set(next.required ?? []);
    for (const [name, schema] of Object.entries(before)) {
      const field = `${path}.${name}`;
      const successor = after[name];
      if (!successor) {
        problems.push(`${field} was removed`);
        continue;
      }
      if (requiredBefore.has(name) !== requiredAfter.has(name)) {
        problems.push(`${field} became ${requiredAfter.has(name) ? 'required' : 'optional'}`);
      }
      problems.push(...incompatibilities(schema, successor, field));
    }
    for (const name of Object.keys(after)) {
      if (!(name in before) && requiredAfter.has(name))
        problems.push(`${path}.${name} was added as required`);
    }
    return problems;
  }
  if (previous.type === 'array' && next.type === 'array' && previous.items && next.items) {
    return incompatibilities(previous.items, next.items, `${path}[]`);
  }
  const strip = ({ properties: _p, required: _r, items: _i, ...rest }: JsonSchema): JsonSchema => rest;
  return isDeepStrictEqual(strip(previous), strip(next)) &&
    isDeepStrictEqual(previous.properties, next.properties) &&
    isDeepStrictEqual(previous.items, next.items)
    ? []
    : [`${path} changed its type or constraints`];
}
