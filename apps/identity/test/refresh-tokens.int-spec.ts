import { UnauthenticatedError } from '@platform/common';
import { IdentityPatterns, type TokenPairView } from '@platform/contracts';
import { decodeJwt } from 'jose';
import { IdentityHarness } from './support/identity-harness';

/** Settles every promise, so concurrent outcomes can be counted. */
async function settle<T>(calls: Promise<T>[]): Promise<{ ok: T[]; failed: Error[] }> {
  const results = await Promise.allSettled(calls);
  return {
    ok: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    failed: results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : [])),
  };
}

describe('refresh tokens with a reuse grace window', () => {
  let identity: IdentityHarness;

  beforeAll(async () => {
    identity = await IdentityHarness.start('identity_refresh', { REFRESH_REUSE_GRACE_SECONDS: '30' });
  });

  afterAll(async () => {
    await identity?.close();
  });

  const refresh = (refreshToken: string): Promise<TokenPairView> =>
    identity.send(IdentityPatterns.refresh, { refreshToken });

  it('revokes the whole family when a rotated token comes back, the newest token included', async () => {
    const registered = await identity.register();
    const second = await refresh(registered.refreshToken);
    const third = await refresh(second.refreshToken);
    // The first token is two generations old: no grace applies, it is a replay.
    const error = await identity.failure(IdentityPatterns.refresh, { refreshToken: registered.refreshToken });
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error).toMatchObject({ code: 'TOKEN_REUSED' });
    expect(
      await identity.failure(IdentityPatterns.refresh, { refreshToken: third.refreshToken }),
    ).toMatchObject({
      code: 'INVALID_TOKEN',
    });
    const sid = decodeJwt(registered.accessToken).sid as string;
    const [session] = await identity.query('SELECT revoked_reason FROM sessions WHERE id = $1', [sid]);
    expect(session).toEqual({ revoked_reason: 'token_reuse' });
    const audit = await identity.query(
      `SELECT user_id, details->>'sessionId' AS session_id FROM security_events WHERE type = 'token.reuse_detected'`,
    );
    expect(audit).toEqual([{ user_id: registered.user.id, session_id: sid }]);
  });

  it('treats the immediate predecessor as reuse once the grace window has passed', async () => {
    const registered = await identity.register();
    const second = await refresh(registered.refreshToken);
    await identity.query(
      `UPDATE refresh_tokens SET rotated_at = now() - interval '31 seconds', created_at = created_at - interval '1 minute'
        WHERE session_id = $1 AND rotated_at IS NOT NULL`,
      [decodeJwt(registered.accessToken).sid],
    );
    expect(
      await identity.failure(IdentityPatterns.refresh, { refreshToken: registered.refreshToken }),
    ).toMatchObject({ code: 'TOKEN_REUSED' });
    expect(
      await identity.failure(IdentityPatterns.refresh, { refreshToken: second.refreshToken }),
    ).toMatchObject({
      code: 'INVALID_TOKEN',
    });
  });

  it('gives two parallel refreshes with the same token the same new token', async () => {
    const registered = await identity.register();
    const { ok, failed } = await settle([refresh(registered.refreshToken), refresh(registered.refreshToken)]);
    expect(failed).toEqual([]);
    expect(ok).toHaveLength(2);
    expect(ok[0].refreshToken).toBe(ok[1].refreshToken);
    expect(ok[0].refreshToken).not.toBe(registered.refreshToken);
    expect(ok[0].accessToken).not.toBe(ok[1].accessToken); // each caller gets its own access token (jti)
    const tokens = await identity.query('SELECT id FROM refresh_tokens WHERE session_id = $1', [
      decodeJwt(registered.accessToken).sid,
    ]);
    expect(tokens).toHaveLength(2);
    // The shared successor is the live token of the family and rotates normally.
    await expect(refresh(ok[0].refreshToken)).resolves.toMatchObject({ expiresIn: 900 });
  });

  it('answers a late second tab within the window with the successor the first tab got', async () => {
    const registered = await identity.register();
    const first = await refresh(registered.refreshToken);
    const late = await refresh(registered.refreshToken);
    expect(late.refreshToken).toBe(first.refreshToken);
  });

  it('gives no grace to the predecessor once its successor has been rotated too', async () => {
    const registered = await identity.register();
    const second = await refresh(registered.refreshToken);
    await refresh(second.refreshToken);
    expect(
      await identity.failure(IdentityPatterns.refresh, { refreshToken: registered.refreshToken }),
    ).toMatchObject({ code: 'TOKEN_REUSED' });
  });
});

describe('refresh tokens without a grace window', () => {
  let identity: IdentityHarness;

  beforeAll(async () => {
    identity = await IdentityHarness.start('identity_refresh_nograce', { REFRESH_REUSE_GRACE_SECONDS: '0' });
  });

  afterAll(async () => {
    await identity?.close();
  });

  it('lets exactly one of many concurrent refreshes of one token win', async () => {
    const registered = await identity.register();
    const { ok, failed } = await settle(
      Array.from({ length: 8 }, () =>
        identity.send(IdentityPatterns.refresh, { refreshToken: registered.refreshToken }),
      ),
    );
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(7);
    for (const error of failed) {
      expect(error).toBeInstanceOf(UnauthenticatedError);
      expect(['TOKEN_REUSED', 'INVALID_TOKEN']).toContain((error as UnauthenticatedError).code);
    }
    const sid = decodeJwt(registered.accessToken).sid;
    const successors = await identity.query(
      'SELECT id FROM refresh_tokens WHERE session_id = $1 AND parent_id IS NOT NULL',
      [sid],
    );
    expect(successors).toHaveLength(1);
    // The losers presented a rotated token: the family is revoked, the winner's token too.
    expect(
      await identity.failure(IdentityPatterns.refresh, { refreshToken: ok[0].refreshToken }),
    ).toMatchObject({ code: 'INVALID_TOKEN' });
  });
});
