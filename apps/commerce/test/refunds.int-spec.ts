import { newId } from '@platform/common';
import { CommercePatterns, type OrderView, type RefundOrderRequest } from '@platform/contracts';
import { RefundRetryService } from '../src/refunds/refund-retry.service';
import { CommerceHarness, type TestUser, newUser } from './support/commerce-harness';
import { admin, createProduct, payOrder, placeOrder, tally } from './support/fixtures';
import { type WebhookRelay, startWebhookRelay } from './support/webhook-relay';

let harness: CommerceHarness;
let relay: WebhookRelay;

beforeAll(async () => {
  harness = await CommerceHarness.start('refunds');
  relay = await startWebhookRelay(harness);
});

afterAll(async () => {
  await harness?.processor.settleWebhooks();
  await relay?.close();
  await harness?.close();
});

/** A paid order of a 3000 book and a 1000 pen: 4000 captured. */
async function paidOrder(buyer: TestUser = newUser()): Promise<OrderView> {
  const book = await createProduct(harness, { name: 'Book', priceCents: 3_000 });
  const pen = await createProduct(harness, { name: 'Pen', priceCents: 1_000 });
  const order = await placeOrder(harness, buyer, [
    { productId: book.id, quantity: 1 },
    { productId: pen.id, quantity: 1 },
  ]);
  return payOrder(harness, buyer, order.id);
}

const refund = (request: Omit<RefundOrderRequest, 'reason'> & { reason?: string }, by: TestUser = admin) =>
  harness.send(by, CommercePatterns.refundOrder, { reason: 'Customer request', ...request });

const refundFailure = (request: Omit<RefundOrderRequest, 'reason'>, by: TestUser = admin) =>
  harness.failure(by, CommercePatterns.refundOrder, { reason: 'Customer request', ...request });

const refundedEvents = async (orderId: string) =>
  (await harness.outbox('commerce.order.refunded')).filter((row) => row.aggregateId === orderId);

describe('refunds', () => {
  it('a full refund returns everything, revokes every item, issues a credit note and records the event', async () => {
    const order = await paidOrder();
    const refunded = await refund({ orderId: order.id });
    expect(refunded).toMatchObject({ status: 'refunded', refundedCents: 4_000 });
    expect(refunded.items.every((item) => item.refundedAt !== null)).toBe(true);
    const [done] = refunded.refunds;
    expect(done).toMatchObject({ status: 'succeeded', amountCents: 4_000, automaticReason: null });
    const note = await harness.send(admin, CommercePatterns.getInvoice, {
      invoiceId: done.creditNoteId as string,
    });
    expect(note).toMatchObject({
      kind: 'credit_note',
      totalCents: 4_000,
      correctsInvoiceId: order.invoiceId,
      refundId: done.id,
    });
    expect(note.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(note.lines).toHaveLength(2);
    const [event] = await refundedEvents(order.id);
    expect(event.data).toMatchObject({
      refundId: done.id,
      amountCents: 4_000,
      totalRefundedCents: 4_000,
      fullyRefunded: true,
      automaticReason: null,
      reason: 'Customer request',
    });
    expect((event.data.revokedItems as unknown[]).length).toBe(2);
    expect(await refundFailure({ orderId: order.id, amountCents: 1 })).toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('partial refunds add up to the capture and never past it', async () => {
    const order = await paidOrder();
    const goodwill = await refund({ orderId: order.id, amountCents: 1_000, reason: 'Late delivery' });
    expect(goodwill).toMatchObject({ status: 'partially_refunded', refundedCents: 1_000 });
    expect((await refundedEvents(order.id))[0].data).toMatchObject({
      fullyRefunded: false,
      revokedItems: [],
    });
    const tooMuch = await refundFailure({ orderId: order.id, amountCents: 3_001 });
    expect(tooMuch).toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
      details: { remainingCents: 3_000, requestedCents: 3_001 },
    });
    const rest = await refund({ orderId: order.id, amountCents: 3_000 });
    expect(rest).toMatchObject({ status: 'refunded', refundedCents: 4_000 });
    // Everything left went back: access to every item ends with it.
    expect(((await refundedEvents(order.id))[1].data.revokedItems as unknown[]).length).toBe(2);
  });

  it('concurrent refunds cannot exceed the captured amount', async () => {
    const order = await paidOrder();
    const { values, errors } = await tally(
      Array.from({ length: 10 }, () => refund({ orderId: order.id, amountCents: 1_000 })),
    );
    expect(values).toHaveLength(4);
    expect(Object.values(errors).reduce((a, b) => a + b, 0)).toBe(6);
    expect(
      Object.keys(errors).every((code) => code === 'REFUND_EXCEEDS_CAPTURED' || code === 'INVALID_STATE'),
    ).toBe(true);
    const [payment] = await harness.query(
      `SELECT amount_cents, refunded_cents FROM payments WHERE order_id = $1 AND status = 'captured'`,
      [order.id],
    );
    expect(payment).toEqual({ amount_cents: 4_000, refunded_cents: 4_000 });
    const final = await harness.send(admin, CommercePatterns.getOrder, { orderId: order.id });
    expect(final).toMatchObject({ status: 'refunded', refundedCents: 4_000 });
    expect(final.refunds.filter((r) => r.status === 'succeeded')).toHaveLength(4);
    expect(
      harness.processor.ledger.events.filter(
        (e) => e.type === 'refund.succeeded' && final.refunds.some((r) => r.id === e.data.reference),
      ),
    ).toHaveLength(4);
  });

  it('refunds items one at a time, each once', async () => {
    const order = await paidOrder();
    const pen = order.items.find((item) => item.name === 'Pen')!;
    const book = order.items.find((item) => item.name === 'Book')!;
    const first = await refund({ orderId: order.id, orderItemIds: [pen.id] });
    expect(first).toMatchObject({ status: 'partially_refunded', refundedCents: 1_000 });
    expect(first.items.find((item) => item.id === pen.id)?.refundedAt).not.toBeNull();
    expect((await refundedEvents(order.id))[0].data.revokedItems).toEqual([
      expect.objectContaining({ orderItemId: pen.id }),
    ]);
    expect(await refundFailure({ orderId: order.id, orderItemIds: [pen.id] })).toMatchObject({
      code: 'INVALID_STATE',
      details: { orderItemIds: [pen.id] },
    });
    expect(await refundFailure({ orderId: order.id, orderItemIds: [newId()] })).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(refund({ orderId: order.id, orderItemIds: [book.id] })).resolves.toMatchObject({
      status: 'refunded',
    });
  });

  it('are for admins only, and only of paid orders', async () => {
    const buyer = newUser();
    const order = await paidOrder(buyer);
    expect(await refundFailure({ orderId: order.id }, buyer)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refundFailure({ orderId: order.id }, newUser('instructor'))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const unpaid = await placeOrder(harness, buyer, [
      { productId: (await createProduct(harness)).id, quantity: 1 },
    ]);
    expect(await refundFailure({ orderId: unpaid.id })).toMatchObject({
      code: 'INVALID_STATE',
      details: { status: 'pending_payment', allowedStatuses: ['paid', 'partially_refunded'] },
    });
    expect(await refundFailure({ orderId: order.id, amountCents: 0 })).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(
      await harness.failure(admin, CommercePatterns.refundOrder, { orderId: order.id } as never),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
    });
  });

  it('with an Idempotency-Key, a retried refund replays instead of refunding twice', async () => {
    const order = await paidOrder();
    const key = newId();
    const first = await refund({ orderId: order.id, amountCents: 500, idempotencyKey: key });
    const again = await refund({ orderId: order.id, amountCents: 500, idempotencyKey: key });
    expect(again).toEqual(first);
    expect(first.refunds).toHaveLength(1);
    expect(await refundFailure({ orderId: order.id, amountCents: 600, idempotencyKey: key })).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('a processor outage leaves the refund pending with its amount held; the retry job sends it', async () => {
    const order = await paidOrder();
    harness.processor.injectFault('refund', 'before');
    expect(await refundFailure({ orderId: order.id, amountCents: 2_500 })).toMatchObject({
      code: 'UNAVAILABLE',
    });
    const pending = await harness.send(admin, CommercePatterns.getOrder, { orderId: order.id });
    expect(pending).toMatchObject({
      status: 'paid',
      refundedCents: 0,
      refunds: [expect.objectContaining({ status: 'pending' })],
    });
    // The held amount counts: only 1500 can still be refunded.
    expect(await refundFailure({ orderId: order.id, amountCents: 2_000 })).toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
      details: { remainingCents: 1_500 },
    });
    await harness.query(`UPDATE refunds SET next_check_at = now() WHERE order_id = $1`, [order.id]);
    expect(await harness.get(RefundRetryService).retryDue()).toBe(1);
    expect(await harness.send(admin, CommercePatterns.getOrder, { orderId: order.id })).toMatchObject({
      status: 'partially_refunded',
      refundedCents: 2_500,
    });
  });

  it('a lost refund answer is settled by the processor webhook, once', async () => {
    harness.processor.webhookUrl = relay.url;
    try {
      const order = await paidOrder();
      harness.processor.injectFault('refund', 'after');
      expect(await refundFailure({ orderId: order.id })).toMatchObject({ code: 'UNAVAILABLE' });
      await harness.processor.settleWebhooks();
      const settled = await harness.send(admin, CommercePatterns.getOrder, { orderId: order.id });
      expect(settled).toMatchObject({ status: 'refunded', refundedCents: 4_000 });
      const event = harness.processor.ledger.events.find(
        (e) => e.type === 'refund.succeeded' && e.data.reference === settled.refunds[0].id,
      )!;
      await harness.processor.redeliver(event.id);
      expect(relay.acks.filter((ack) => ack.eventId === event.id).map((ack) => ack.outcome)).toEqual([
        'applied',
        'duplicate',
      ]);
      // The retry job finds nothing left to do, and the processor refunded once.
      await harness.query(`UPDATE refunds SET next_check_at = now() WHERE order_id = $1`, [order.id]);
      await harness.get(RefundRetryService).retryDue();
      expect(await refundedEvents(order.id)).toHaveLength(1);
    } finally {
      harness.processor.webhookUrl = undefined;
    }
  });

  it('credit notes are numbered gap-free in their own series', async () => {
    const year = new Date().getUTCFullYear();
    const rows = await harness.query<{ sequence: number; number: string }>(
      `SELECT sequence, number FROM invoices WHERE kind = 'credit_note' AND year = $1 ORDER BY sequence`,
      [year],
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0].number).toBe(`CN-${year}-000001`);
  });
});
