import { signWebhook, webhookSignatureProblem } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const payload = '{"id":"evt_1","type":"payment.captured"}';
  const now = 1_800_000_000;

  it('accept what was signed with the secret, within the tolerance', () => {
    expect(webhookSignatureProblem(secret, payload, signWebhook(secret, payload, now), now)).toBeNull();
    expect(webhookSignatureProblem(secret, payload, signWebhook(secret, payload, now - 200), now)).toBeNull();
  });

  it('refuse another secret, a changed body, a stale timestamp and garbage', () => {
    expect(webhookSignatureProblem(secret, payload, signWebhook('other', payload, now), now)).toBe(
      'signature mismatch',
    );
    expect(webhookSignatureProblem(secret, `${payload} `, signWebhook(secret, payload, now), now)).toBe(
      'signature mismatch',
    );
    expect(webhookSignatureProblem(secret, payload, signWebhook(secret, payload, now - 301), now)).toMatch(
      /too old/,
    );
    expect(webhookSignatureProblem(secret, payload, 'v1=abc', now)).toBe('malformed signature header');
    expect(webhookSignatureProblem(secret, payload, '', now)).toBe('malformed signature header');
  });
});
