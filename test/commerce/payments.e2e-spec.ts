import { randomUUID } from 'node:crypto';
import { type OrderView } from '@platform/contracts';
import { uniqueTestToken } from '@platform/testing';
import { type Account } from '../support/accounts';
import { CommerceE2E } from './support/commerce-platform';
import { DECLINED, VISA } from './support/shop';

/** Payments, invoices and refunds through the gateway, with the built-in processor over HTTP. */
let e2e: CommerceE2E;
let productId: string;
const PRICE = 4_900;

beforeAll(async () => {
  e2e = await CommerceE2E.start({ label: 'cm_pay' });
  const product = await e2e.shop.createProduct(e2e.admin, {
    sku: uniqueTestToken('WB').toUpperCase(),
    priceCents: PRICE,
    stock: null,
  });
  productId = product.body.id;
});
afterAll(() => e2e?.close());

async function placedOrder(): Promise<{ buyer: Account; order: OrderView }> {
  const [buyer] = await e2e.accounts(1);
  const placed = await e2e.shop.place(buyer, [{ productId }]);
  expect(placed.status).toBe(201);
  return { buyer, order: placed.body };
}

const paymentsOf = (orderId: string) =>
  e2e.commerceDb.rows<{ status: string }>(
    'SELECT status FROM payments WHERE order_id = $1 ORDER BY created_at',
    [orderId],
  );

const year = new Date().getUTCFullYear();
const documentNumber = (prefix: string, n: number) => `${prefix}-${year}-${String(n).padStart(6, '0')}`;

describe('paying', () => {
  it('a declined card is 402 and leaves the order payable; an approved one then pays it', async () => {
    const { buyer, order } = await placedOrder();
    const declined = await e2e.shop.pay(buyer, order.id, DECLINED);
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({
      code: 'PAYMENT_DECLINED',
      details: { declineCode: 'generic_decline' },
    });
    expect((await e2e.shop.order(buyer, order.id)).body).toMatchObject({
      status: 'pending_payment',
      paymentId: null,
      invoiceId: null,
    });

    const paid = await e2e.shop.pay(buyer, order.id, VISA);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', totalCents: PRICE });
    expect(paid.body.invoiceId).toEqual(expect.any(String));
    expect(await paymentsOf(order.id)).toEqual([{ status: 'declined' }, { status: 'captured' }]);

    const invoice = await e2e.shop.invoice(buyer, paid.body.invoiceId as string);
    expect(invoice.status).toBe(200);
    expect(invoice.body).toMatchObject({ kind: 'invoice', orderId: order.id, totalCents: PRICE });
    expect(invoice.body.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
  });

  it('paying a paid order again is 409 and captures nothing more', async () => {
    const { buyer, order } = await placedOrder();
    expect((await e2e.shop.pay(buyer, order.id)).status).toBe(200);
    const again = await e2e.shop.pay(buyer, order.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect(await paymentsOf(order.id)).toEqual([{ status: 'captured' }]);
  });

  it('five payments of one order at once, each with its own key: one capture, the others 409', async () => {
    const { buyer, order } = await placedOrder();
    const answers = await Promise.all(Array.from({ length: 5 }, () => e2e.shop.pay(buyer, order.id)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    const refusals = answers.filter((answer) => answer.status !== 200);
    expect(refusals.map((answer) => answer.status)).toEqual([409, 409, 409, 409]);
    for (const refusal of refusals) {
      expect(['PAYMENT_IN_PROGRESS', 'INVALID_STATE']).toContain(refusal.body.error.code);
    }
    expect(await paymentsOf(order.id)).toEqual([{ status: 'captured' }]);
  });

  it('cancel and pay racing on the same order: exactly one wins, and a canceled order is never charged', async () => {
    const orders = await Promise.all(Array.from({ length: 10 }, () => placedOrder()));
    const races = await Promise.all(
      orders.map(async ({ buyer, order }) => {
        const [cancel, pay] = await Promise.all([
          e2e.shop.cancel(buyer, order.id),
          e2e.shop.pay(buyer, order.id),
        ]);
        const final = await e2e.shop.order(buyer, order.id);
        return { cancel: cancel.status, pay: pay.status, status: final.body.status, id: order.id };
      }),
    );
    for (const race of races) {
      if (race.status === 'paid') expect([race.pay, race.cancel]).toEqual([200, 409]);
      else expect([race.status, race.cancel, race.pay]).toEqual(['canceled', 200, 409]);
    }
    const charged = await e2e.commerceDb.rows<{ status: string }>(
      `SELECT o.status FROM payments p JOIN orders o ON o.id = p.order_id
        WHERE p.status = 'captured' AND o.id = ANY($1::uuid[])`,
      [races.map((race) => race.id)],
    );
    expect(charged.every((row) => row.status === 'paid')).toBe(true);
    expect(charged).toHaveLength(races.filter((race) => race.status === 'paid').length);
  });

  it("only the buyer may pay, see or cancel an order; the buyer's list holds their own orders only", async () => {
    const { buyer, order } = await placedOrder();
    const [stranger] = await e2e.accounts(1);
    expect((await e2e.shop.pay(stranger, order.id)).status).toBe(403);
    expect((await e2e.shop.order(stranger, order.id)).status).toBe(403);
    expect((await e2e.shop.order(e2e.admin, order.id)).status).toBe(200);
    expect((await e2e.shop.order(buyer, randomUUID())).status).toBe(404);
    const mine = await e2e.http('GET', '/api/v1/users/me/orders?status=pending_payment', {
      token: buyer.accessToken,
    });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: order.id }] });
    const theirs = await e2e.http('GET', '/api/v1/users/me/orders', { token: stranger.accessToken });
    expect(theirs.body.total).toBe(0);
    expect((await e2e.http('GET', '/api/v1/users/me/orders')).status).toBe(401);
  });
});

describe('invoices', () => {
  it('are numbered without gaps under 30 concurrent payments, declines interleaved', async () => {
    const orders = await Promise.all(Array.from({ length: 30 }, () => placedOrder()));
    const answers = await Promise.all(
      orders.map(({ buyer, order }, i) => e2e.shop.pay(buyer, order.id, i % 3 === 0 ? DECLINED : VISA)),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(20);
    expect(answers.filter((answer) => answer.status === 402)).toHaveLength(10);

    // Every invoice this commerce database ever issued, this test's and the earlier ones.
    const numbers = (
      await e2e.commerceDb.rows<{ number: string }>(
        "SELECT number FROM invoices WHERE kind = 'invoice' ORDER BY sequence",
      )
    ).map((row) => row.number);
    expect(numbers).toEqual(numbers.map((_, i) => documentNumber('INV', i + 1)));

    // And each paid order's invoice, read through the API, is one of them.
    for (const answer of answers.filter((a) => a.status === 200)) {
      const invoice = await e2e.shop.invoice(e2e.admin, answer.body.invoiceId as string);
      expect(numbers).toContain(invoice.body.number);
    }
  });
});

describe('refunds', () => {
  it('partial refunds add up to the captured amount and never beyond it', async () => {
    const { buyer, order } = await placedOrder();
    await e2e.shop.pay(buyer, order.id);

    const first = await e2e.shop.refund(e2e.admin, order.id, { amountCents: 3_000 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'partially_refunded', refundedCents: 3_000 });

    const tooMuch = await e2e.shop.refund(e2e.admin, order.id, { amountCents: 1_901 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
      details: { remainingCents: 1_900, requestedCents: 1_901 },
    });

    const rest = await e2e.shop.refund(e2e.admin, order.id, { amountCents: 1_900 });
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ status: 'refunded', refundedCents: PRICE });
    expect((await e2e.shop.refund(e2e.admin, order.id, { amountCents: 1 })).status).toBe(409);

    // Each refund has its credit note.
    for (const refund of rest.body.refunds) {
      const note = await e2e.shop.invoice(buyer, refund.creditNoteId as string);
      expect(note.body).toMatchObject({ kind: 'credit_note', totalCents: refund.amountCents });
    }
  });

  it('six concurrent partial refunds of 1000 on 4900: exactly four pass, credit notes without gaps', async () => {
    const { buyer, order } = await placedOrder();
    await e2e.shop.pay(buyer, order.id);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => e2e.shop.refund(e2e.admin, order.id, { amountCents: 1_000 })),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(4);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused.map((answer) => answer.body.error.code)).toEqual(Array(2).fill('REFUND_EXCEEDS_CAPTURED'));

    const final = await e2e.shop.order(buyer, order.id);
    expect(final.body).toMatchObject({ status: 'partially_refunded', refundedCents: 4_000 });
    const [payment] = await e2e.commerceDb.rows<{ refunded_cents: number; amount_cents: number }>(
      "SELECT refunded_cents, amount_cents FROM payments WHERE order_id = $1 AND status = 'captured'",
      [order.id],
    );
    expect(payment).toEqual({ refunded_cents: 4_000, amount_cents: PRICE });

    const notes = (
      await e2e.commerceDb.rows<{ number: string }>(
        "SELECT number FROM invoices WHERE kind = 'credit_note' ORDER BY sequence",
      )
    ).map((row) => row.number);
    expect(notes).toEqual(notes.map((_, i) => documentNumber('CN', i + 1)));
  });

  it('a refund retried with its Idempotency-Key refunds once', async () => {
    const { buyer, order } = await placedOrder();
    await e2e.shop.pay(buyer, order.id);
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => e2e.shop.refund(e2e.admin, order.id, { amountCents: 500 }, key)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const final = await e2e.shop.order(buyer, order.id);
    expect(final.body.refundedCents).toBe(500);
    expect(final.body.refunds).toHaveLength(1);
  });

  it('only admins refund', async () => {
    const { buyer, order } = await placedOrder();
    await e2e.shop.pay(buyer, order.id);
    const answer = await e2e.shop.refund(buyer, order.id, { amountCents: 100 });
    expect(answer.status).toBe(403);
    expect((await e2e.shop.order(buyer, order.id)).body.refundedCents).toBe(0);
  });
});
