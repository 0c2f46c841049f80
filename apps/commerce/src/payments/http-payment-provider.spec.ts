import { type AddressInfo, createServer } from 'node:net';
import { HttpPaymentProvider } from './http-payment-provider';
import { PaymentProviderError } from './payment-provider.port';
import { TestPaymentProcessor } from './test-processor/test-payment-processor';
import { signWebhook } from './webhook-signature';

/** The adapter against the built-in processor over real HTTP on 127.0.0.1: the port's contract. */
describe('HttpPaymentProvider with the test processor', () => {
  const secrets = { apiKey: 'sk_test_spec', webhookSecret: 'whsec_test_spec' };
  const processor = new TestPaymentProcessor(secrets);
  let provider: HttpPaymentProvider;

  beforeAll(async () => {
    provider = new HttpPaymentProvider({
      name: 'test',
      baseUrl: await processor.start(),
      ...secrets,
      timeoutMs: 2_000,
    });
  });

  afterAll(() => processor.stop());

  const authorize = (reference: string, token = 'tok_visa', amountCents = 1_000) =>
    provider.authorize({ reference, amountCents, currency: 'EUR', token });

  it('authorizes and captures once per reference, however often asked', async () => {
    const first = await authorize('pay-1');
    expect(first).toEqual({ outcome: 'approved', authorizationId: expect.stringMatching(/^auth_/) });
    expect(await authorize('pay-1')).toEqual(first);
    if (first.outcome !== 'approved') throw new Error('unreachable');
    const capture = await provider.capture(first.authorizationId, 1_000);
    expect(await provider.capture(first.authorizationId, 1_000)).toEqual(capture);
    expect(processor.ledger.capturesOf('pay-1')).toBe(1);
    expect(await provider.findPayment('pay-1')).toEqual({
      authorizationId: first.authorizationId,
      status: 'captured',
      captureId: capture.captureId,
      amountCents: 1_000,
    });
    expect(await provider.findPayment('never-seen')).toBeNull();
  });

  it('reports declines and bad tokens as declines, not errors', async () => {
    expect(await authorize('pay-2', 'tok_chargeDeclined')).toMatchObject({
      outcome: 'declined',
      declineCode: 'generic_decline',
    });
    expect(await authorize('pay-3', 'tok_nope')).toMatchObject({
      outcome: 'declined',
      declineCode: 'invalid_payment_method',
    });
  });

  it('refunds idempotently by reference and refuses more than was captured, for good', async () => {
    const auth = await authorize('pay-4', 'tok_visa', 500);
    if (auth.outcome !== 'approved') throw new Error('unreachable');
    const { captureId } = await provider.capture(auth.authorizationId, 500);
    const refund = await provider.refund({ reference: 'ref-1', captureId, amountCents: 300 });
    expect(await provider.refund({ reference: 'ref-1', captureId, amountCents: 300 })).toEqual(refund);
    const error = await provider
      .refund({ reference: 'ref-2', captureId, amountCents: 201 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ transient: false, code: 'amount_too_large' });
  });

  it('treats outages, lost answers and silence as transient (outcome unknown)', async () => {
    processor.injectFault('authorize', 'before');
    await expect(authorize('pay-5')).rejects.toMatchObject({ transient: true });
    processor.injectFault('authorize', 'after');
    await expect(authorize('pay-6')).rejects.toMatchObject({ transient: true });
    // The lost answer's authorization exists: asking again returns it, nothing new is made.
    const authorizations = processor.ledger.counts.authorizations;
    expect(await authorize('pay-6')).toMatchObject({ outcome: 'approved' });
    expect(processor.ledger.counts.authorizations).toBe(authorizations);
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const hanging = new HttpPaymentProvider({
      name: 'test',
      baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      ...secrets,
      timeoutMs: 200,
    });
    await expect(hanging.findPayment('x')).rejects.toMatchObject({ transient: true });
    silent.close();
  });

  it('refuses a wrong API key', async () => {
    const intruder = new HttpPaymentProvider({
      name: 'test',
      baseUrl: processor.url,
      ...secrets,
      apiKey: 'sk_wrong',
      timeoutMs: 2_000,
    });
    await expect(intruder.findPayment('pay-1')).rejects.toMatchObject({ transient: false });
  });

  it('reads signed webhooks and refuses unsigned ones', () => {
    const payload = JSON.stringify({
      id: 'evt_1',
      type: 'refund.succeeded',
      data: { reference: 'ref-1', refundId: 're_1' },
    });
    const signature = signWebhook(secrets.webhookSecret, payload, Math.floor(Date.now() / 1000));
    expect(provider.parseWebhook(payload, signature)).toEqual({
      id: 'evt_1',
      type: 'refund.succeeded',
      reference: 'ref-1',
      refundId: 're_1',
    });
    expect(() => provider.parseWebhook(payload, 't=1,v1=00')).toThrow(/Webhook refused/);
  });
});
