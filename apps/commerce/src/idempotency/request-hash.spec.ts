import { canonicalJson, hashRequest } from './request-hash';

describe('request hash', () => {
  it('ignores key order at every depth and the idempotency key itself', () => {
    const a = { idempotencyKey: 'k1', items: [{ productId: 'p', quantity: 2 }], note: undefined };
    const b = { items: [{ quantity: 2, productId: 'p' }], idempotencyKey: 'k2' };
    expect(hashRequest(a)).toBe(hashRequest(b));
    expect(canonicalJson(b)).toBe('{"idempotencyKey":"k2","items":[{"productId":"p","quantity":2}]}');
  });

  it('tells apart requests that differ in any value or in item order', () => {
    const base = hashRequest({ items: [{ productId: 'p', quantity: 2 }] });
    expect(hashRequest({ items: [{ productId: 'p', quantity: 3 }] })).not.toBe(base);
    expect(hashRequest({ items: [{ productId: 'p', quantity: 2 }], orderId: 'o' })).not.toBe(base);
    expect(hashRequest({ items: [{ a: 1 }, { b: 2 }] })).not.toBe(
      hashRequest({ items: [{ b: 2 }, { a: 1 }] }),
    );
  });

  it('hashes class instances like the plain objects they carry', () => {
    class Pay {
      orderId = 'o';
      idempotencyKey = 'k';
    }
    expect(hashRequest(new Pay())).toBe(hashRequest({ orderId: 'o' }));
  });
});
