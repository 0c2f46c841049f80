import { newId } from '@platform/common';
import { CommercePatterns, type OrderView } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { InvoicesRepository } from '../src/invoices/invoices.repository';
import { PaymentReconciler } from '../src/payments/payment-reconciler.service';
import { CommerceHarness, type TestUser, newUser } from './support/commerce-harness';
import { admin, createProduct, payFailure, payOrder, placeOrder, tally } from './support/fixtures';

let harness: CommerceHarness;

beforeAll(async () => {
  harness = await CommerceHarness.start('payments', { PAYMENT_RECONCILE_AFTER_SECONDS: '30' });
});

afterAll(async () => {
  await harness?.close();
});

interface PaymentRow {
  id: string;
  status: string;
  decline_code: string | null;
}

const paymentsOf = (orderId: string): Promise<PaymentRow[]> =>
  harness.query(`SELECT id, status, decline_code FROM payments WHERE order_id = $1 ORDER BY created_at`, [
    orderId,
  ]);

const capturesOf = async (orderId: string): Promise<number> => {
  const payments = await paymentsOf(orderId);
  return payments.reduce((sum, payment) => sum + harness.processor.ledger.capturesOf(payment.id), 0);
};

async function newOrder(buyer: TestUser, stock: number | null = 5, quantity = 2): Promise<OrderView> {
  const product = await createProduct(harness, { priceCents: 2_000, stock });
  return placeOrder(harness, buyer, [{ productId: product.id, quantity }]);
}

describe('paying', () => {
  it('captures, marks the order paid, consumes its stock, issues the invoice and records the events', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer, 5, 2);
    const paid = await payOrder(harness, buyer, order.id);
    expect(paid).toMatchObject({
      id: order.id,
      status: 'paid',
      paymentId: expect.any(String),
      invoiceId: expect.any(String),
    });
    const productId = order.items[0].productId;
    expect(await harness.stockOf(productId)).toEqual({ on_hand: 3, reserved: 0 });
    expect(await capturesOf(order.id)).toBe(1);
    const invoice = await harness.send(buyer, CommercePatterns.getInvoice, {
      invoiceId: paid.invoiceId as string,
    });
    expect(invoice).toMatchObject({ kind: 'invoice', orderId: order.id, totalCents: 4_000, currency: 'EUR' });
    expect(invoice.number).toMatch(new RegExp(`^INV-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(invoice.lines).toEqual([
      expect.objectContaining({ quantity: 2, unitPriceCents: 2_000, totalCents: 4_000 }),
    ]);
    const orderPaid = (await harness.outbox('commerce.order.paid')).filter(
      (row) => row.aggregateId === order.id,
    );
    expect(orderPaid).toHaveLength(1);
    expect(orderPaid[0].data).toMatchObject({
      paymentId: paid.paymentId,
      invoiceId: paid.invoiceId,
      totalCents: 4_000,
    });
    const issued = (await harness.outbox('commerce.invoice.issued')).filter(
      (row) => row.aggregateId === order.id,
    );
    expect(issued[0].data).toMatchObject({ invoiceId: paid.invoiceId, number: invoice.number });
  });

  it('a declined card leaves the order payable; another card then pays it', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer);
    const declineKey = newId();
    const declined = await payFailure(harness, buyer, order.id, 'tok_chargeDeclined', declineKey);
    expect(declined).toMatchObject({
      code: 'PAYMENT_DECLINED',
      details: { orderId: order.id, declineCode: 'generic_decline' },
    });
    const after = await harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id });
    expect(after.status).toBe('pending_payment');
    const failed = (await harness.outbox('commerce.payment.failed')).filter(
      (row) => row.aggregateId === order.id,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0].data).toMatchObject({ declineCode: 'generic_decline', amountCents: 4_000 });
    // The same key replays the decline without asking the processor again.
    const declines = harness.processor.ledger.counts.declines;
    expect(await payFailure(harness, buyer, order.id, 'tok_chargeDeclined', declineKey)).toMatchObject({
      code: 'PAYMENT_DECLINED',
    });
    expect(harness.processor.ledger.counts.declines).toBe(declines);
    expect(await payFailure(harness, buyer, order.id, 'tok_chargeDeclinedInsufficientFunds')).toMatchObject({
      details: { declineCode: 'insufficient_funds' },
    });
    expect(await payFailure(harness, buyer, order.id, 'tok_unknownCard')).toMatchObject({
      code: 'PAYMENT_DECLINED',
      details: { declineCode: 'invalid_payment_method' },
    });
    await expect(payOrder(harness, buyer, order.id, 'tok_visa')).resolves.toMatchObject({ status: 'paid' });
    expect((await paymentsOf(order.id)).map((payment) => payment.status)).toEqual([
      'declined',
      'declined',
      'declined',
      'captured',
    ]);
    expect(await capturesOf(order.id)).toBe(1);
  });

  it('paying twice captures once: the same key replays, another key is INVALID_STATE', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer);
    const key = newId();
    const first = await payOrder(harness, buyer, order.id, 'tok_visa', key);
    const replay = await payOrder(harness, buyer, order.id, 'tok_visa', key);
    expect(replay).toEqual(first);
    expect(await payFailure(harness, buyer, order.id, 'tok_visa')).toMatchObject({
      code: 'INVALID_STATE',
      details: { status: 'paid' },
    });
    expect(await payFailure(harness, buyer, order.id, 'tok_mastercard', key)).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await capturesOf(order.id)).toBe(1);
    expect(await paymentsOf(order.id)).toHaveLength(1);
  });

  it('the same key 10 times at once: one payment, one capture, one answer', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer);
    const key = newId();
    const { values, errors } = await tally(
      Array.from({ length: 10 }, () => payOrder(harness, buyer, order.id, 'tok_visa', key)),
    );
    expect(errors).toEqual({});
    expect(values.every((value) => JSON.stringify(value) === JSON.stringify(values[0]))).toBe(true);
    expect(await paymentsOf(order.id)).toHaveLength(1);
    expect(await capturesOf(order.id)).toBe(1);
  });

  it('racing payments with different keys: exactly one captures', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer);
    const { values, errors } = await tally(
      Array.from({ length: 10 }, () => payOrder(harness, buyer, order.id)),
    );
    expect(values).toHaveLength(1);
    expect(
      Object.keys(errors).every((code) => code === 'PAYMENT_IN_PROGRESS' || code === 'INVALID_STATE'),
    ).toBe(true);
    expect(await capturesOf(order.id)).toBe(1);
    expect((await paymentsOf(order.id)).filter((payment) => payment.status === 'captured')).toHaveLength(1);
  });

  it('an order with nothing to charge is paid without the processor', async () => {
    const buyer = newUser();
    const free = await createProduct(harness, { priceCents: 0 });
    const order = await placeOrder(harness, buyer, [{ productId: free.id, quantity: 1 }]);
    const authorizations = harness.processor.ledger.counts.authorizations;
    await expect(payOrder(harness, buyer, order.id)).resolves.toMatchObject({
      status: 'paid',
      totalCents: 0,
    });
    expect(harness.processor.ledger.counts.authorizations).toBe(authorizations);
  });
});

describe('when the processor fails', () => {
  it('an outage before the charge: 503, nothing charged, the same key pays later', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer);
    const key = newId();
    harness.processor.injectFault('authorize', 'before');
    expect(await payFailure(harness, buyer, order.id, 'tok_visa', key)).toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(await payFailure(harness, buyer, order.id, 'tok_visa')).toMatchObject({
      code: 'PAYMENT_IN_PROGRESS',
    });
    await expect(payOrder(harness, buyer, order.id, 'tok_visa', key)).resolves.toMatchObject({
      status: 'paid',
    });
    expect(await paymentsOf(order.id)).toHaveLength(1);
    expect(await capturesOf(order.id)).toBe(1);
  });

  it('a lost capture answer: the retry with the same key finds the capture, never charges twice', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer);
    const key = newId();
    harness.processor.injectFault('capture', 'after');
    expect(await payFailure(harness, buyer, order.id, 'tok_visa', key)).toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(await capturesOf(order.id)).toBe(1);
    expect((await harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id })).status).toBe(
      'pending_payment',
    );
    expect(await harness.failure(buyer, CommercePatterns.cancelOrder, { orderId: order.id })).toMatchObject({
      code: 'PAYMENT_IN_PROGRESS',
    });
    await expect(payOrder(harness, buyer, order.id, 'tok_visa', key)).resolves.toMatchObject({
      status: 'paid',
    });
    expect(await capturesOf(order.id)).toBe(1);
  });

  it('the reconciler settles a payment whose request died: captures what is authorized', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer);
    harness.processor.injectFault('capture', 'before');
    expect(await payFailure(harness, buyer, order.id, 'tok_visa')).toMatchObject({ code: 'UNAVAILABLE' });
    const [payment] = await paymentsOf(order.id);
    expect(payment.status).toBe('pending');
    const reconciler = harness.get(PaymentReconciler);
    expect(await reconciler.reconcileDue()).toBe(0); // not due yet: the request may still be running
    await harness.query(`UPDATE payments SET next_check_at = now() WHERE id = $1`, [payment.id]);
    expect(await reconciler.reconcileDue()).toBe(1);
    expect((await harness.send(buyer, CommercePatterns.getOrder, { orderId: order.id })).status).toBe('paid');
    expect(await capturesOf(order.id)).toBe(1);
  });

  it('the reconciler gives up a payment the processor never saw, and the order is payable again', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer);
    harness.processor.injectFault('authorize', 'before');
    expect(await payFailure(harness, buyer, order.id, 'tok_visa')).toMatchObject({ code: 'UNAVAILABLE' });
    const [payment] = await paymentsOf(order.id);
    await harness.query(
      `UPDATE payments SET next_check_at = now(), created_at = now() - interval '1 hour' WHERE id = $1`,
      [payment.id],
    );
    await harness.get(PaymentReconciler).reconcileDue();
    expect(await paymentsOf(order.id)).toEqual([
      { id: payment.id, status: 'failed', decline_code: 'never_submitted' },
    ]);
    await expect(payOrder(harness, buyer, order.id)).resolves.toMatchObject({ status: 'paid' });
  });
});

describe('invoices', () => {
  it('are numbered without gaps or duplicates under concurrent payments, and a rollback returns its number', async () => {
    const buyers = Array.from({ length: 25 }, () => newUser());
    const orders = await Promise.all(buyers.map((buyer) => newOrder(buyer, null, 1)));
    const year = new Date().getUTCFullYear();
    // A paying transaction that fails after taking a number must not leave a hole.
    await expect(
      runInTransaction(async () => {
        await harness.get(InvoicesRepository).nextSequence('INV', year);
        throw new Error('payment failed after numbering');
      }),
    ).rejects.toThrow('payment failed after numbering');
    const { values, errors } = await tally(orders.map((order, i) => payOrder(harness, buyers[i], order.id)));
    expect(errors).toEqual({});
    expect(values).toHaveLength(25);
    const rows = await harness.query<{ number: string; sequence: number }>(
      `SELECT number, sequence FROM invoices WHERE kind = 'invoice' AND year = $1 ORDER BY sequence`,
      [year],
    );
    expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((row) => row.number)).size).toBe(rows.length);
    expect(rows.at(-1)?.number).toBe(`INV-${year}-${String(rows.length).padStart(6, '0')}`);
  });

  it('are readable by their owner and admins only, and immutable', async () => {
    const buyer = newUser();
    const order = await newOrder(buyer);
    const paid = await payOrder(harness, buyer, order.id);
    const invoiceId = paid.invoiceId as string;
    await expect(harness.send(admin, CommercePatterns.getInvoice, { invoiceId })).resolves.toMatchObject({
      id: invoiceId,
    });
    expect(await harness.failure(newUser(), CommercePatterns.getInvoice, { invoiceId })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await harness.failure(buyer, CommercePatterns.getInvoice, { invoiceId: newId() })).toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      harness.query(`UPDATE invoices SET total_cents = 1 WHERE id = $1`, [invoiceId]),
    ).rejects.toThrow(/immutable/);
    await expect(harness.query(`DELETE FROM invoices WHERE id = $1`, [invoiceId])).rejects.toThrow(
      /immutable/,
    );
  });
});

describe('request validation', () => {
  it('names the bad fields of a payment request', async () => {
    const error = await harness.failure(newUser(), CommercePatterns.payOrder, {
      orderId: 'x',
      paymentMethod: { type: 'cash', token: '4242424242424242' },
      idempotencyKey: '',
    } as never);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect((error.details as { field: string }[]).map((problem) => problem.field).sort()).toEqual(
      ['idempotencyKey', 'orderId', 'paymentMethod.token', 'paymentMethod.type'].sort(),
    );
  });
});
