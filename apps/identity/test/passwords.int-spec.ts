import { setTimeout as sleep } from 'node:timers/promises';
import { ValidationError } from '@platform/common';
import { IdentityPatterns } from '@platform/contracts';
import { decodeJwt } from 'jose';
import { IdentityHarness, callerOf } from './support/identity-harness';

let identity: IdentityHarness;

beforeAll(async () => {
  identity = await IdentityHarness.start('identity_passwords');
});

afterAll(async () => {
  await identity?.close();
});

/** The token handed to delivery, as the mail service would read it from the outbox. */
async function lastMailedToken(type: string, userId: string): Promise<string> {
  const rows = await identity.query<{ token: string }>(
    `SELECT envelope->'data'->>'token' AS token FROM outbox
      WHERE type = $1 AND aggregate_id = $2 ORDER BY sequence DESC LIMIT 1`,
    [type, userId],
  );
  if (!rows[0]) throw new Error(`no ${type} event for ${userId}`);
  return rows[0].token;
}

const forgot = (email: string) => identity.send(IdentityPatterns.forgotPassword, { email });
const resetToken = (userId: string) => lastMailedToken('identity.password.reset_requested', userId);

describe('forgot password', () => {
  it('answers known and unknown emails identically; only the known one gets a token', async () => {
    const user = await identity.register();
    const known = await forgot(user.user.email);
    const unknown = await forgot('no-such-account@example.com');
    expect(known).toBeNull();
    expect(unknown).toEqual(known);
    const events = await identity.query<{ aggregate_id: string }>(
      `SELECT aggregate_id FROM outbox WHERE type = 'identity.password.reset_requested'`,
    );
    expect(events).toEqual([{ aggregate_id: user.user.id }]);
    const [token] = await identity.query<{ token_hash: string }>(
      `SELECT token_hash FROM account_tokens WHERE user_id = $1 AND purpose = 'password_reset'`,
      [user.user.id],
    );
    expect(token.token_hash).not.toBe(await resetToken(user.user.id));
  });
});

describe('reset password', () => {
  it('sets the new password and revokes every session', async () => {
    const user = await identity.register();
    const other = await identity.send(IdentityPatterns.login, {
      email: user.user.email,
      password: user.password,
    });
    await forgot(user.user.email);
    await expect(
      identity.send(IdentityPatterns.resetPassword, {
        token: await resetToken(user.user.id),
        newPassword: 'a brand new password',
      }),
    ).resolves.toBeNull();
    for (const refreshToken of [user.refreshToken, other.refreshToken]) {
      expect(await identity.failure(IdentityPatterns.refresh, { refreshToken })).toMatchObject({
        code: 'INVALID_TOKEN',
      });
    }
    expect(await identity.send(IdentityPatterns.listSessions, {}, callerOf(user))).toEqual([]);
    expect(
      await identity.failure(IdentityPatterns.login, { email: user.user.email, password: user.password }),
    ).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const signedIn = await identity.send(IdentityPatterns.login, {
      email: user.user.email,
      password: 'a brand new password',
    });
    // The mailed link proved the address.
    expect(signedIn.user.emailVerified).toBe(true);
  });

  it('accepts a token once, even when many requests race with it', async () => {
    const user = await identity.register();
    await forgot(user.user.email);
    const token = await resetToken(user.user.id);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        identity.send(IdentityPatterns.resetPassword, { token, newPassword: `new password number ${i}` }),
      ),
    );
    const succeeded = results.filter((r) => r.status === 'fulfilled');
    expect(succeeded).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toBeInstanceOf(ValidationError);
        expect((result.reason as ValidationError).details).toEqual([
          { field: 'token', message: 'is invalid, already used or expired' },
        ]);
      }
    }
    const resets = await identity.query(
      `SELECT id FROM security_events WHERE user_id = $1 AND type = 'password.reset'`,
      [user.user.id],
    );
    expect(resets).toHaveLength(1);
  });

  it('refuses an expired token and a superseded one', async () => {
    const user = await identity.register();
    await forgot(user.user.email);
    const first = await resetToken(user.user.id);
    await forgot(user.user.email);
    const second = await resetToken(user.user.id);
    expect(first).not.toBe(second);
    const superseded = await identity.failure(IdentityPatterns.resetPassword, {
      token: first,
      newPassword: 'new password here',
    });
    expect(superseded).toBeInstanceOf(ValidationError);
    await identity.query(
      `UPDATE account_tokens SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second'
        WHERE user_id = $1`,
      [user.user.id],
    );
    expect(
      await identity.failure(IdentityPatterns.resetPassword, {
        token: second,
        newPassword: 'new password here',
      }),
    ).toBeInstanceOf(ValidationError);
  });

  it('a reset lifts a brute-force lock', async () => {
    const user = await identity.register();
    await identity.query(
      `UPDATE users SET status = 'locked', locked_until = now() + interval '1 hour' WHERE id = $1`,
      [user.user.id],
    );
    await forgot(user.user.email);
    await identity.send(IdentityPatterns.resetPassword, {
      token: await resetToken(user.user.id),
      newPassword: 'unlocked password',
    });
    await expect(
      identity.send(IdentityPatterns.login, { email: user.user.email, password: 'unlocked password' }),
    ).resolves.toMatchObject({ user: { status: 'active' } });
  });
});

describe('change password', () => {
  it('needs the current password, ends every session and opens a new one', async () => {
    const user = await identity.register();
    const caller = callerOf(user);
    expect(
      await identity.failure(
        IdentityPatterns.changePassword,
        { currentPassword: 'not it', newPassword: 'changed password' },
        caller,
      ),
    ).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const pair = await identity.send(
      IdentityPatterns.changePassword,
      { currentPassword: user.password, newPassword: 'changed password' },
      caller,
    );
    expect(
      await identity.failure(IdentityPatterns.refresh, { refreshToken: user.refreshToken }),
    ).toMatchObject({
      code: 'INVALID_TOKEN',
    });
    const sessions = await identity.send(IdentityPatterns.listSessions, {}, caller);
    expect(sessions.map((s) => s.id)).toEqual([decodeJwt(pair.accessToken).sid]);
    await expect(
      identity.send(IdentityPatterns.login, { email: user.user.email, password: 'changed password' }),
    ).resolves.toBeDefined();
  });
});

describe('email verification', () => {
  const verificationToken = (userId: string) =>
    lastMailedToken('identity.user.verification_requested', userId);

  it('verifies the address with the token mailed at registration, once', async () => {
    const user = await identity.register();
    const token = await verificationToken(user.user.id);
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => identity.send(IdentityPatterns.verifyEmail, { token })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await identity.send(IdentityPatterns.me, {}, callerOf(user))).toMatchObject({
      emailVerified: true,
    });
  });

  it('mails a new link on request and voids the old one; nothing once verified', async () => {
    const user = await identity.register();
    const old = await verificationToken(user.user.id);
    await sleep(5); // distinct created_at for ordering
    await identity.send(IdentityPatterns.requestEmailVerification, {}, callerOf(user));
    const fresh = await verificationToken(user.user.id);
    expect(fresh).not.toBe(old);
    expect(await identity.failure(IdentityPatterns.verifyEmail, { token: old })).toBeInstanceOf(
      ValidationError,
    );
    await identity.send(IdentityPatterns.verifyEmail, { token: fresh });
    await identity.send(IdentityPatterns.requestEmailVerification, {}, callerOf(user));
    expect(await verificationToken(user.user.id)).toBe(fresh);
  });
});
