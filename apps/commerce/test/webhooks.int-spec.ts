import { newId } from '@platform/common';
import { CommercePatterns } from '@platform/contracts';
import { signWebhook } from '../src/payments/webhook-signature';
import { CommerceHarness, newUser } from './support/commerce-harness';
import { createProduct, payOrder, placeOrder } from './support/fixtures';
import { type WebhookRelay, startWebhookRelay } from './support/webhook-relay';

let harness: CommerceHarness;
let relay: WebhookRelay;

beforeAll(async () => {
  harness = await CommerceHarness.start('webhooks');
  relay = await startWebhookRelay(harness);
  harness.processor.webhookUrl = relay.url;
});

afterAll(async () => {
  await harness?.processor.settleWebhooks();
  await relay?.close();
  await harness?.close();
});

const eventsOf = (reference: string) =>
  harness.processor.ledger.events.filter((event) => event.data.reference === reference);

const handledRows = (eventId: string) =>
  harness.query<{ outcome: string }>(`SELECT outcome FROM payment_webhook_events WHERE event_id = $1`, [
    eventId,
  ]);

describe('processor webhooks', () => {
  it('confirm a payment the request already recorded, and a redelivery changes nothing', async () => {
    const buyer = newUser();
    const product = await createProduct(harness);
    const order = await placeOrder(harness, buyer, [{ productId: product.id, quantity: 1 }]);
    const paid = await payOrder(harness, buyer, order.id);
    await harness.processor.settleWebhooks();
    const [captured] = eventsOf(paid.paymentId as string);
    expect(captured.type).toBe('payment.captured');
    // Whoever is first (the paying request or the webhook) applies it; the other finds it done.
    const [first] = await handledRows(captured.id);
    expect(['applied', 'already_applied']).toContain(first.outcome);
    const [payment] = await harness.query<{ confirmed_at: Date | null }>(
      `SELECT confirmed_at FROM payments WHERE id = $1`,
      [paid.paymentId],
    );
    expect(payment.confirmed_at).toBeInstanceOf(Date);
    await harness.processor.redeliver(captured.id);
    await harness.processor.redeliver(captured.id);
    expect(relay.acks.filter((ack) => ack.eventId === captured.id).map((ack) => ack.outcome)).toEqual([
      first.outcome,
      'duplicate',
      'duplicate',
    ]);
    expect(await handledRows(captured.id)).toHaveLength(1);
    expect(
      (await harness.outbox('commerce.order.paid')).filter((row) => row.aggregateId === order.id),
    ).toHaveLength(1);
  });

  it('settle a payment whose answer was lost, once, even when delivered many times', async () => {
    const buyer = newUser();
    const product = await createProduct(harness, { stock: 2 });
    const order = await placeOrder(harness, buyer, [{ productId: product.id, quantity: 2 }]);
    const key = newId();
    harness.processor.injectFault('capture', 'after');
    const lost = await harness.failure(buyer, CommercePatterns.payOrder, {
      orderId: order.id,
      paymentMethod: { type: 'card', token: 'tok_visa' },
      idempotencyKey: key,
    });
    expect(lost.code).toBe('UNAVAILABLE');
    await harness.processor.settleWebhooks();
    const [captured] = eventsOf((lost.details as { paymentId: string }).paymentId);
    await Promise.all([harness.processor.redeliver(captured.id), harness.processor.redeliver(captured.id)]);
    expect(await handledRows(captured.id)).toEqual([{ outcome: 'applied' }]);
    const settled = await harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id });
    expect(settled.status).toBe('paid');
    expect(
      (await harness.outbox('commerce.order.paid')).filter((row) => row.aggregateId === order.id),
    ).toHaveLength(1);
    expect(await harness.stockOf(product.id)).toEqual({ on_hand: 0, reserved: 0 });
    // The buyer's retry learns the outcome; nothing is charged again.
    await expect(payOrder(harness, buyer, order.id, 'tok_visa', key)).resolves.toMatchObject({
      status: 'paid',
    });
    expect(harness.processor.ledger.capturesOf(settled.paymentId as string)).toBe(1);
  });

  it('record a decline reported by the processor once', async () => {
    const buyer = newUser();
    const order = await placeOrder(harness, buyer, [
      { productId: (await createProduct(harness)).id, quantity: 1 },
    ]);
    await harness.failure(buyer, CommercePatterns.payOrder, {
      orderId: order.id,
      paymentMethod: { type: 'card', token: 'tok_chargeDeclined' },
      idempotencyKey: newId(),
    });
    await harness.processor.settleWebhooks();
    const [{ id: paymentId }] = await harness.query<{ id: string }>(
      `SELECT id FROM payments WHERE order_id = $1`,
      [order.id],
    );
    const [declined] = eventsOf(paymentId);
    expect(declined.type).toBe('payment.declined');
    expect(await handledRows(declined.id)).toEqual([
      { outcome: expect.stringMatching(/^(already_)?applied$/) },
    ]);
    expect(
      (await harness.outbox('commerce.payment.failed')).filter((row) => row.aggregateId === order.id),
    ).toHaveLength(1);
  });

  it('refuse forged, stale and malformed webhooks without changing anything', async () => {
    const payload = JSON.stringify({
      id: 'evt_forged',
      type: 'payment.captured',
      data: { reference: newId() },
    });
    const now = Math.floor(Date.now() / 1000);
    const send = (signature: string, body = payload, provider = 'test') =>
      harness.failure(undefined, CommercePatterns.receivePaymentWebhook, {
        provider,
        payload: body,
        signature,
      } as never);
    expect(await send(signWebhook('whsec_wrong', payload, now))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await send(signWebhook('whsec_test_platform', payload, now - 3_600))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await send('')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await send(signWebhook('whsec_test_platform', 'not json', now), 'not json')).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    for (const body of ['null', '[]', '{"id":7,"type":"payment.captured","data":{}}']) {
      expect(await send(signWebhook('whsec_test_platform', body, now), body)).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    expect(await send('x', payload, 'paypal')).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await handledRows('evt_forged')).toEqual([]);
    // A genuine event about something commerce does not know is acknowledged and ignored.
    const unknown = await harness.send(undefined, CommercePatterns.receivePaymentWebhook, {
      provider: 'test',
      payload,
      signature: signWebhook('whsec_test_platform', payload, now),
    });
    expect(unknown).toEqual({ eventId: 'evt_forged', outcome: 'ignored' });
  });
});
