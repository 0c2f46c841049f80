import { z } from 'zod';
import { findEventDefinition } from '../catalog/catalog';
import { type EventDefinition } from '../catalog/define-event';
import { type EventEnvelope } from './event-envelope';

/** Why a message cannot be handled at all; each one dead-letters it on first delivery. */
export type UndeliverableReason = 'undecodable' | 'unknown-event' | 'invalid-payload';

export type DecodedEvent =
  | { ok: true; envelope: EventEnvelope; definition: EventDefinition }
  | { ok: false; reason: UndeliverableReason; message: string; eventId?: string; type?: string };

const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(200),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  aggregateId: z.string().min(1).max(100),
  correlationId: z.string().min(1).max(128),
  causationId: z.string().max(128).optional(),
  actorId: z.string().max(128).optional(),
  data: z.unknown(),
});

const decoder = new TextDecoder('utf-8', { fatal: true });

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Turns message bytes into a validated envelope: JSON, the envelope's own shape, a
 * (type, version) the catalog knows, and a payload its schema accepts. Unknown payload
 * fields are stripped, so a consumer sees exactly the fields of the version it knows.
 */
export function decodeEvent(bytes: Uint8Array): DecodedEvent {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    return { ok: false, reason: 'undecodable', message: `Not UTF-8 JSON: ${(error as Error).message}` };
  }
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, reason: 'undecodable', message: `Not an event envelope: ${summarize(parsed.error)}` };
  }
  const { data, ...meta } = parsed.data;
  const definition = findEventDefinition(meta.type, meta.version);
  if (!definition) {
    return {
      ok: false,
      reason: 'unknown-event',
      message: `Unknown event ${meta.type} v${meta.version}: not in this build's catalog`,
      eventId: meta.id,
      type: meta.type,
    };
  }
  const payload = definition.schema.safeParse(data);
  if (!payload.success) {
    return {
      ok: false,
      reason: 'invalid-payload',
      message: `Payload of ${meta.type} v${meta.version} fails its schema: ${summarize(payload.error)}`,
      eventId: meta.id,
      type: meta.type,
    };
  }
  return { ok: true, envelope: { ...stripUndefined(meta), data: payload.data }, definition };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
