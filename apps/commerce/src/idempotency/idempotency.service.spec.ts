import { ConflictError, PaymentRequiredError, UnavailableError, ValidationError } from '@platform/common';
import { isFinalOutcome } from './idempotency.service';

describe('which failures an idempotency key remembers', () => {
  it('remembers answers: declines, refusals, bad input', () => {
    expect(isFinalOutcome(new PaymentRequiredError('declined', { code: 'PAYMENT_DECLINED' }))).toBe(true);
    expect(isFinalOutcome(new ConflictError('sold out', { code: 'INSUFFICIENT_STOCK' }))).toBe(true);
    expect(isFinalOutcome(new ValidationError('bad'))).toBe(true);
  });

  it('forgets passing failures and bugs, so the same key may be retried', () => {
    expect(isFinalOutcome(new UnavailableError('processor down'))).toBe(false);
    expect(isFinalOutcome(new ConflictError('busy', { code: 'PAYMENT_IN_PROGRESS' }))).toBe(false);
    expect(isFinalOutcome(new TypeError('undefined is not a function'))).toBe(false);
  });
});
