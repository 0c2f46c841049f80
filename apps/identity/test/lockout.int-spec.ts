import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimitedError, UnauthenticatedError } from '@platform/common';
import { IdentityPatterns } from '@platform/contracts';
import { IdentityHarness } from './support/identity-harness';

const MAX_FAILURES = 3;
const LOCK_SECONDS = 2;

let identity: IdentityHarness;

beforeAll(async () => {
  identity = await IdentityHarness.start('identity_lockout', {
    LOGIN_MAX_FAILURES: String(MAX_FAILURES),
    LOGIN_LOCK_SECONDS: String(LOCK_SECONDS),
    LOGIN_FAILURE_WINDOW_SECONDS: '600',
  });
});

afterAll(async () => {
  await identity?.close();
});

const login = (email: string, password: string) => identity.send(IdentityPatterns.login, { email, password });
const wrong = (email: string) =>
  identity.failure(IdentityPatterns.login, { email, password: 'wrong password' });

async function countersOf(
  userId: string,
): Promise<{ failed_login_count: number; status: string; locked: boolean }> {
  const [row] = await identity.query<{ failed_login_count: number; status: string; locked: boolean }>(
    `SELECT failed_login_count, status, locked_until > now() AS locked FROM users WHERE id = $1`,
    [userId],
  );
  return row;
}

describe('brute-force lockout', () => {
  it('locks after the configured failures, refuses even the right password, then lets it in after expiry', async () => {
    const user = await identity.register();
    for (let i = 1; i < MAX_FAILURES; i += 1) {
      expect(await wrong(user.user.email)).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    const locking = await wrong(user.user.email);
    expect(locking).toBeInstanceOf(RateLimitedError);
    expect(locking).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const retryAfter = (locking as RateLimitedError).retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(LOCK_SECONDS);

    const rightButLocked = await identity.failure(IdentityPatterns.login, {
      email: user.user.email,
      password: user.password,
    });
    expect(rightButLocked).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect(
      await identity.send(IdentityPatterns.me, {}, { userId: user.user.id, roles: ['student'] }),
    ).toMatchObject({
      status: 'locked',
    });

    await sleep(LOCK_SECONDS * 1000 + 200);
    const signedIn = await login(user.user.email, user.password);
    expect(signedIn.user.status).toBe('active');
    expect(await countersOf(user.user.id)).toEqual({ failed_login_count: 0, status: 'active', locked: null });
    const audit = await identity.query<{ type: string }>(
      `SELECT type FROM security_events WHERE user_id = $1 AND type LIKE 'login.%' ORDER BY created_at, id`,
      [user.user.id],
    );
    expect(audit.map((row) => row.type)).toEqual([
      'login.succeeded', // registration
      'login.failed',
      'login.failed',
      'login.failed',
      'login.locked',
      'login.failed', // the right password, refused while locked
      'login.succeeded',
    ]);
  });

  it('a success before the threshold clears the count', async () => {
    const user = await identity.register();
    for (let i = 1; i < MAX_FAILURES; i += 1) await wrong(user.user.email);
    await login(user.user.email, user.password);
    expect(await wrong(user.user.email)).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect((await countersOf(user.user.id)).failed_login_count).toBe(1);
  });

  it('concurrent wrong passwords lock exactly at the threshold', async () => {
    const user = await identity.register();
    const attempts = 4 * MAX_FAILURES;
    const errors = await Promise.all(Array.from({ length: attempts }, () => wrong(user.user.email)));
    const invalid = errors.filter((e) => e instanceof UnauthenticatedError);
    const locked = errors.filter((e) => e instanceof RateLimitedError);
    expect(invalid).toHaveLength(MAX_FAILURES - 1);
    expect(locked).toHaveLength(attempts - (MAX_FAILURES - 1));
    expect(await countersOf(user.user.id)).toEqual({
      failed_login_count: MAX_FAILURES,
      status: 'locked',
      locked: true,
    });
    const locks = await identity.query(
      `SELECT id FROM security_events WHERE user_id = $1 AND type = 'login.locked'`,
      [user.user.id],
    );
    expect(locks).toHaveLength(1);
  });

  it('never locks an unknown email, whose answer stays INVALID_CREDENTIALS', async () => {
    for (let i = 0; i < MAX_FAILURES + 1; i += 1) {
      expect(await wrong('nobody@example.com')).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
  });
});
