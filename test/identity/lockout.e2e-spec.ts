import { uniqueTestToken } from '@platform/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { registerAccount } from '../support/accounts';
import { type HttpResult } from '../support/http-client';
import { E2EPlatform } from '../support/platform';
import { IdentityDatabase } from './support/identity-db';

/** Brute-force protection per account: repeated failures lock it (429 + Retry-After) until the lock ends. */
const MAX_FAILURES = 3;
const LOCK_SECONDS = 2;
let platform: E2EPlatform;
let db: IdentityDatabase;

beforeAll(async () => {
  platform = await E2EPlatform.start({
    label: 'idlockout',
    services: ['identity'],
    env: { LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCK_SECONDS: String(LOCK_SECONDS) },
    gatewayEnv: { RATE_LIMIT_AUTH_MAX: '1000' },
  });
  db = await IdentityDatabase.open(platform);
});
afterAll(async () => {
  await db?.close();
  await platform?.close();
});

const login = (email: string, password: string) =>
  platform.http('POST', '/api/v1/auth/login', { body: { email, password } });

function expectLocked(res: HttpResult): number {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('ACCOUNT_LOCKED');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(LOCK_SECONDS);
  expect(res.body.error.details.retryAfterSeconds).toBe(retryAfter);
  return retryAfter;
}

it('locks after repeated failures (429 ACCOUNT_LOCKED with Retry-After, even for the right password), then signs in once the lock ends', async () => {
  const account = await registerAccount(platform.http);
  for (let attempt = 1; attempt < MAX_FAILURES; attempt += 1) {
    const res = await login(account.email, 'wrong password');
    expect({ attempt, status: res.status, code: res.body.error.code }).toEqual({
      attempt,
      status: 401,
      code: 'INVALID_CREDENTIALS',
    });
  }
  expectLocked(await login(account.email, 'wrong password'));
  const retryAfter = expectLocked(await login(account.email, account.password));
  const [locked] = await db.rows<{ status: string }>('SELECT status FROM users WHERE id = $1', [account.id]);
  expect(locked?.status).toBe('locked');

  await sleep(retryAfter * 1_000 + 300);
  const ok = await login(account.email, account.password);
  expect(ok.status).toBe(200);
  expect(ok.body.user).toMatchObject({ id: account.id, status: 'active' });

  // The count starts again after a success: one more failure is a plain 401, not a new lock.
  expect((await login(account.email, 'wrong password')).status).toBe(401);
  const audit = await db.rows<{ type: string }>(
    "SELECT type FROM security_events WHERE user_id = $1 AND type LIKE 'login.%' ORDER BY created_at, id",
    [account.id],
  );
  expect(audit.map((row) => row.type)).toEqual(
    expect.arrayContaining(['login.failed', 'login.locked', 'login.succeeded']),
  );
});

it('concurrent failures lock exactly at the threshold: the first failures are 401, all later ones 429', async () => {
  const account = await registerAccount(platform.http);
  const results = await Promise.all(Array.from({ length: 10 }, () => login(account.email, 'wrong password')));
  const statuses = results.map((res) => res.status).sort();
  expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_FAILURES - 1);
  expect(statuses.filter((status) => status === 429)).toHaveLength(10 - (MAX_FAILURES - 1));
  const [row] = await db.rows<{ failed_login_count: number }>(
    'SELECT failed_login_count FROM users WHERE id = $1',
    [account.id],
  );
  expect(row?.failed_login_count).toBe(MAX_FAILURES);
});

it('an unknown email never locks (the answer does not reveal which accounts exist)', async () => {
  const email = `${uniqueTestToken('ghost')}@example.com`;
  for (let attempt = 0; attempt < MAX_FAILURES + 2; attempt += 1) {
    const res = await login(email, 'wrong password');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  }
});
