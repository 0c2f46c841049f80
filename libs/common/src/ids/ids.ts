import { v7 as uuidv7, validate as uuidValidate } from 'uuid';

/**
 * UUIDv7: time-ordered, so primary-key inserts append to the btree instead of scattering
 * (the cost of random v4 keys), while staying unguessable enough for public ids.
 */
export function newId(): string {
  return uuidv7();
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidValidate(value);
}
