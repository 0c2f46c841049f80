import { type ErrorJson, isErrorJson } from '@platform/common';

/** A service's answer on the wire: exactly one of data or error. */
export type ReplyEnvelope<T> = { data: T } | { error: ErrorJson };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeJson(bytes: Uint8Array): unknown {
  return JSON.parse(decoder.decode(bytes)) as unknown;
}

export function isReplyEnvelope(value: unknown): value is ReplyEnvelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if ('error' in value) return isErrorJson(value.error);
  return 'data' in value;
}
