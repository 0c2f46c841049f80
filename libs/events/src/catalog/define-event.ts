import { type z } from 'zod';

/** One entry of the event catalog: a type, its payload schema and the schema's version. */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  readonly schema: S;
  /** First segment of the type: the only service allowed to publish it. */
  readonly source: string;
  readonly aggregate: string;
  readonly description: string;
}

export type EventData<E> = E extends EventDefinition<infer S> ? z.output<S> : never;

/**
 * Declares an event type. Payload schemas are zod objects: producers and consumers
 * validate with them, unknown fields are stripped (consumers ignore what they do not
 * know), and `catalog.snapshot.json` pins each (type, version) so an incompatible edit
 * without a version bump fails a test.
 */
export function defineEvent<S extends z.ZodObject>(definition: {
  type: string;
  version: number;
  schema: S;
  description: string;
}): EventDefinition<S> {
  const parts = definition.type.split('.');
  if (parts.length !== 3 || !parts.every((part) => /^[a-z][a-z0-9_]*$/.test(part))) {
    throw new Error(`Event type "${definition.type}" must be <service>.<aggregate>.<event> in snake_case`);
  }
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new Error(`Event ${definition.type} needs a positive integer version`);
  }
  return { ...definition, source: parts[0], aggregate: parts[1] };
}
