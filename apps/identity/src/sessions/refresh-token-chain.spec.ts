import { randomBytes } from 'node:crypto';
import { successorToken } from './refresh-token-chain';

describe('successorToken', () => {
  const key = randomBytes(32);

  it('is the same for the same predecessor, so parallel refreshes agree', () => {
    expect(successorToken('token-a', key)).toBe(successorToken('token-a', key));
  });

  it('differs per predecessor and per server secret, and looks like any other token', () => {
    expect(successorToken('token-a', key)).not.toBe(successorToken('token-b', key));
    expect(successorToken('token-a', key)).not.toBe(successorToken('token-a', randomBytes(32)));
    expect(successorToken('token-a', key)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
