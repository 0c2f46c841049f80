import { createHmac, timingSafeEqual } from 'node:crypto';

/** Webhooks older or newer than this are refused, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`, the scheme Stripe made common. */
export function signWebhook(secret: string, payload: string, timestamp: number): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/** Why a signature is refused, or null when it is good. Compares in constant time. */
export function webhookSignatureProblem(
  secret: string,
  payload: string,
  header: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string | null {
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return 'malformed signature header';
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS)
    return 'signature timestamp too old or too new';
  const expected = signWebhook(secret, payload, timestamp).split('v1=')[1];
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'))
    ? null
    : 'signature mismatch';
}
