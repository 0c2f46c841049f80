import { decodeJwt } from 'jose';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Account, registerAccount } from '../support/accounts';
import { E2EPlatform } from '../support/platform';
import { IdentityDatabase } from './support/identity-db';

/**
 * Refresh-token rotation through the whole platform: reuse of a rotated token revokes its
 * family (the newest token too), and parallel refreshes with one token within the grace
 * window all get the same successor (two tabs must not sign the user out).
 */
const GRACE_SECONDS = 3;
let platform: E2EPlatform;
let db: IdentityDatabase;

beforeAll(async () => {
  platform = await E2EPlatform.start({
    label: 'idrefresh',
    services: ['identity'],
    env: { REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS) },
    gatewayEnv: { RATE_LIMIT_AUTH_MAX: '1000' },
  });
  db = await IdentityDatabase.open(platform);
});
afterAll(async () => {
  await db?.close();
  await platform?.close();
});

const refresh = (refreshToken: string) =>
  platform.http('POST', '/api/v1/auth/refresh', { body: { refreshToken } });

async function rotate(refreshToken: string): Promise<string> {
  const res = await refresh(refreshToken);
  if (res.status !== 200) throw new Error(`refresh failed: ${res.status} ${res.text}`);
  return String(res.body.refreshToken);
}

const sessionOf = (account: Account) => String(decodeJwt(account.accessToken).sid);

async function sessionState(sessionId: string) {
  const [session] = await db.rows<{ revoked_reason: string | null }>(
    'SELECT revoked_reason FROM sessions WHERE id = $1',
    [sessionId],
  );
  const tokens = await db.rows('SELECT id FROM refresh_tokens WHERE session_id = $1', [sessionId]);
  return { revokedReason: session?.revoked_reason, tokens: tokens.length };
}

describe('reuse of a rotated refresh token', () => {
  it('revokes the whole family: the reused token is 401 TOKEN_REUSED, and the newest token stops working too', async () => {
    const account = await registerAccount(platform.http);
    const t0 = account.refreshToken;
    const t1 = await rotate(t0);
    const t2 = await rotate(t1);

    // t0 is no longer the immediate predecessor of the current token: reuse, whatever the time.
    const reused = await refresh(t0);
    expect(reused.status).toBe(401);
    expect(reused.body.error).toMatchObject({ code: 'TOKEN_REUSED' });

    for (const token of [t2, t1]) {
      const res = await refresh(token);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({
        status: 401,
        code: 'INVALID_TOKEN',
      });
    }
    expect(await sessionState(sessionOf(account))).toEqual({ revokedReason: 'token_reuse', tokens: 3 });
    const audit = await db.rows('SELECT id FROM security_events WHERE type = $1 AND user_id = $2', [
      'token.reuse_detected',
      account.id,
    ]);
    expect(audit).toHaveLength(1);
    // Other sessions of the same user are not touched.
    const login = await platform.http('POST', '/api/v1/auth/login', {
      body: { email: account.email, password: account.password },
    });
    expect((await refresh(String(login.body.refreshToken))).status).toBe(200);
  });

  it('the immediate predecessor, presented after the grace window, is reuse too', async () => {
    const account = await registerAccount(platform.http);
    const t1 = await rotate(account.refreshToken);
    await sleep(GRACE_SECONDS * 1_000 + 1_100);
    const late = await refresh(account.refreshToken);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('TOKEN_REUSED');
    expect((await refresh(t1)).status).toBe(401);
    expect((await sessionState(sessionOf(account))).revokedReason).toBe('token_reuse');
  });
});

describe('within the grace window', () => {
  it('parallel refreshes with the same token all succeed with the same new token; the family stays one chain', async () => {
    const account = await registerAccount(platform.http);
    const results = await Promise.all(Array.from({ length: 4 }, () => refresh(account.refreshToken)));
    expect(results.map((res) => res.status)).toEqual([200, 200, 200, 200]);
    const successors = new Set(results.map((res) => String(res.body.refreshToken)));
    expect(successors.size).toBe(1);
    const [successor] = [...successors] as [string];
    expect(successor).not.toBe(account.refreshToken);
    for (const res of results) {
      const me = await platform.http('GET', '/api/v1/users/me', { token: String(res.body.accessToken) });
      expect(me.body.id).toBe(account.id);
    }
    // One successor stored, the session alive, and the successor rotates on as usual.
    expect(await sessionState(sessionOf(account))).toEqual({ revokedReason: null, tokens: 2 });
    expect((await refresh(successor)).status).toBe(200);
  });

  it('a second tab presenting the token just rotated gets the same successor, and nobody is signed out', async () => {
    const account = await registerAccount(platform.http);
    const firstTab = await rotate(account.refreshToken);
    const secondTab = await rotate(account.refreshToken);
    expect(secondTab).toBe(firstTab);
    const next = await rotate(firstTab);
    expect(next).not.toBe(firstTab);
    expect((await sessionState(sessionOf(account))).revokedReason).toBeNull();
  });

  it('a refresh token nobody issued is 401 INVALID_TOKEN', async () => {
    const res = await refresh('f'.repeat(43));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_TOKEN');
  });
});
