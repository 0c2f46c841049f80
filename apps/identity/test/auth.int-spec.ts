import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '@platform/common';
import { IdentityPatterns } from '@platform/contracts';
import { PasswordHasher } from '@platform/auth';
import { decodeJwt } from 'jose';
import { Housekeeping } from '../src/housekeeping/housekeeping';
import { IdentityHarness, callerOf } from './support/identity-harness';

let identity: IdentityHarness;

beforeAll(async () => {
  identity = await IdentityHarness.start('identity_auth');
});

afterAll(async () => {
  await identity?.close();
});

describe('register', () => {
  it('creates a student, signs them in and stores only an argon2id hash', async () => {
    const result = await identity.register({ email: '  Grace.Hopper@Example.COM ', name: ' Grace Hopper ' });
    expect(result.user).toMatchObject({
      email: 'grace.hopper@example.com',
      name: 'Grace Hopper',
      roles: ['student'],
      status: 'active',
      emailVerified: false,
      version: 1,
    });
    expect(result.expiresIn).toBe(900);
    expect(result.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const claims = decodeJwt(result.accessToken);
    expect(claims).toMatchObject({ sub: result.user.id, roles: ['student'] });
    const [row] = await identity.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [result.user.id],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(result.password);
    const [token] = await identity.query<{ token_hash: string }>(
      'SELECT t.token_hash FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE s.user_id = $1',
      [result.user.id],
    );
    expect(token.token_hash).not.toBe(result.refreshToken);
  });

  it('lets a user register as instructor', async () => {
    const result = await identity.register({ role: 'instructor' });
    expect(result.user.roles).toEqual(['instructor']);
  });

  it('refuses an email taken in another letter case with ALREADY_EXISTS', async () => {
    await identity.register({ email: 'dup@example.com' });
    const error = await identity.failure(IdentityPatterns.register, {
      email: 'DUP@Example.com',
      password: 'another password',
      name: 'Someone Else',
    });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'email' } });
    const rows = await identity.query(`SELECT id FROM users WHERE email = 'dup@example.com'`);
    expect(rows).toHaveLength(1);
  });

  it('lets exactly one of concurrent registrations of one email (in any case) win', async () => {
    const emails = [
      'race@example.com',
      'RACE@example.com',
      'Race@Example.com',
      ' race@example.com',
      'race@EXAMPLE.com',
    ];
    const results = await Promise.allSettled(
      emails.map((email) =>
        identity.send(IdentityPatterns.register, { email, password: 'correct horse battery', name: 'Racer' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'ALREADY_EXISTS' });
    }
    expect(await identity.query(`SELECT id FROM users WHERE email = 'race@example.com'`)).toHaveLength(1);
  });

  it('refuses a self-assigned admin role and stores nothing', async () => {
    const error = await identity.failure(IdentityPatterns.register, {
      email: 'would-be-admin@example.com',
      password: 'correct horse battery',
      name: 'Mallory',
      role: 'admin' as 'student',
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'role', message: 'role must be student or instructor' },
    ]);
    expect(await identity.query(`SELECT id FROM users WHERE email = 'would-be-admin@example.com'`)).toEqual(
      [],
    );
  });
});

describe('login', () => {
  it('signs in with the right password in any letter case of the email, opening a new session', async () => {
    const registered = await identity.register({ email: 'login@example.com' });
    const result = await identity.send(IdentityPatterns.login, {
      email: 'LOGIN@example.com',
      password: registered.password,
    });
    expect(result.user.id).toBe(registered.user.id);
    expect(decodeJwt(result.accessToken).sid).not.toBe(decodeJwt(registered.accessToken).sid);
    const sessions = await identity.send(IdentityPatterns.listSessions, {}, callerOf(result));
    expect(sessions).toHaveLength(2);
  });

  it('answers a wrong password and an unknown email with the same INVALID_CREDENTIALS', async () => {
    const registered = await identity.register();
    const wrongPassword = await identity.failure(IdentityPatterns.login, {
      email: registered.user.email,
      password: 'not the password',
    });
    const unknownEmail = await identity.failure(IdentityPatterns.login, {
      email: 'nobody-here@example.com',
      password: 'not the password',
    });
    expect(wrongPassword).toBeInstanceOf(UnauthenticatedError);
    expect(JSON.stringify(wrongPassword)).toBe(JSON.stringify(unknownEmail));
    expect((wrongPassword as UnauthenticatedError).toJSON()).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'Email or password is incorrect',
    });
  });

  it('rehashes a password made with older parameters at the next sign-in', async () => {
    const registered = await identity.register();
    // A hash made with other argon2 parameters, as after raising ARGON2_MEMORY_KIB.
    const old = await new PasswordHasher({ memoryCost: 2048, timeCost: 1, parallelism: 1 }).hash(
      registered.password,
    );
    await identity.query('UPDATE users SET password_hash = $2 WHERE id = $1', [registered.user.id, old]);
    await identity.send(IdentityPatterns.login, {
      email: registered.user.email,
      password: registered.password,
    });
    const [row] = await identity.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [registered.user.id],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
  });
});

describe('refresh and logout', () => {
  it('rotates the refresh token on every use', async () => {
    const registered = await identity.register();
    const first = await identity.send(IdentityPatterns.refresh, { refreshToken: registered.refreshToken });
    expect(first.refreshToken).not.toBe(registered.refreshToken);
    expect(decodeJwt(first.accessToken)).toMatchObject({
      sub: registered.user.id,
      sid: decodeJwt(registered.accessToken).sid,
    });
    const second = await identity.send(IdentityPatterns.refresh, { refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
  });

  it('picks up role changes at the next refresh', async () => {
    const registered = await identity.register();
    await identity.query(`UPDATE users SET roles = ARRAY['instructor']::varchar[] WHERE id = $1`, [
      registered.user.id,
    ]);
    const refreshed = await identity.send(IdentityPatterns.refresh, {
      refreshToken: registered.refreshToken,
    });
    expect(decodeJwt(refreshed.accessToken).roles).toEqual(['instructor']);
  });

  it('rejects an unknown refresh token as INVALID_TOKEN', async () => {
    const error = await identity.failure(IdentityPatterns.refresh, { refreshToken: 'x'.repeat(43) });
    expect(error).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('logout ends the session: its refresh token stops working; unknown tokens are ignored', async () => {
    const registered = await identity.register();
    await expect(
      identity.send(IdentityPatterns.logout, { refreshToken: registered.refreshToken }),
    ).resolves.toBeNull();
    const error = await identity.failure(IdentityPatterns.refresh, { refreshToken: registered.refreshToken });
    expect(error).toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(
      identity.send(IdentityPatterns.logout, { refreshToken: 'y'.repeat(43) }),
    ).resolves.toBeNull();
    const sessions = await identity.send(IdentityPatterns.listSessions, {}, callerOf(registered));
    expect(sessions).toEqual([]);
  });

  it('expires a refresh token that was not used within its idle time', async () => {
    const registered = await identity.register();
    await identity.query(
      `UPDATE refresh_tokens SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second'
        WHERE session_id = (SELECT id FROM sessions WHERE user_id = $1)`,
      [registered.user.id],
    );
    const error = await identity.failure(IdentityPatterns.refresh, { refreshToken: registered.refreshToken });
    expect(error).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });
});

describe('sessions', () => {
  it('lists own live sessions with address and agent, and revokes one', async () => {
    const registered = await identity.register();
    const caller = { ...callerOf(registered), clientIp: '198.51.100.4', userAgent: 'Firefox' };
    const second = await identity.send(
      IdentityPatterns.login,
      { email: registered.user.email, password: registered.password },
      caller,
    );
    const sessions = await identity.send(IdentityPatterns.listSessions, {}, caller);
    expect(sessions).toHaveLength(2);
    const secondId = decodeJwt(second.accessToken).sid as string;
    expect(sessions[0]).toMatchObject({ id: secondId, ip: '198.51.100.4', userAgent: 'Firefox' });

    await expect(
      identity.send(IdentityPatterns.revokeSession, { sessionId: secondId }, caller),
    ).resolves.toBeNull();
    const after = await identity.send(IdentityPatterns.listSessions, {}, caller);
    expect(after.map((s) => s.id)).toEqual([decodeJwt(registered.accessToken).sid]);
    expect(
      await identity.failure(IdentityPatterns.refresh, { refreshToken: second.refreshToken }),
    ).toMatchObject({
      code: 'INVALID_TOKEN',
    });
  });

  it("answers another user's session as NOT_FOUND and leaves it alone", async () => {
    const owner = await identity.register();
    const other = await identity.register();
    const error = await identity.failure(
      IdentityPatterns.revokeSession,
      { sessionId: decodeJwt(owner.accessToken).sid as string },
      callerOf(other),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    await expect(
      identity.send(IdentityPatterns.refresh, { refreshToken: owner.refreshToken }),
    ).resolves.toBeDefined();
  });
});

describe('housekeeping', () => {
  it('deletes sessions and mail tokens that ended beyond the retention, and nothing live', async () => {
    const gone = await identity.register();
    const kept = await identity.register();
    await identity.send(IdentityPatterns.logout, { refreshToken: gone.refreshToken });
    await identity.query(`UPDATE sessions SET revoked_at = now() - interval '31 days' WHERE user_id = $1`, [
      gone.user.id,
    ]);
    await identity.query(
      `UPDATE account_tokens SET consumed_at = now() - interval '31 days' WHERE user_id = $1`,
      [gone.user.id],
    );
    const purged = await identity.app.get(Housekeeping).run();
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.accountTokens).toBeGreaterThanOrEqual(1);
    expect(await identity.query('SELECT id FROM sessions WHERE user_id = $1', [gone.user.id])).toEqual([]);
    expect(
      await identity.query(
        'SELECT t.id FROM refresh_tokens t LEFT JOIN sessions s ON s.id = t.session_id WHERE s.id IS NULL',
      ),
    ).toEqual([]);
    await expect(
      identity.send(IdentityPatterns.refresh, { refreshToken: kept.refreshToken }),
    ).resolves.toBeDefined();
  });
});

describe('profile', () => {
  it('shows and edits own profile, guarding with the version', async () => {
    const registered = await identity.register();
    const caller = callerOf(registered);
    const me = await identity.send(IdentityPatterns.me, {}, caller);
    expect(me).toEqual(registered.user);
    const updated = await identity.send(
      IdentityPatterns.updateMe,
      {
        bio: 'Analyst',
        headline: 'First programmer',
        timezone: 'Europe/London',
        locale: 'en-GB',
        version: 1,
      },
      caller,
    );
    expect(updated).toMatchObject({ bio: 'Analyst', timezone: 'Europe/London', version: 2 });
    const stale = await identity.failure(
      IdentityPatterns.updateMe,
      { bio: 'Overwritten', version: 1 },
      caller,
    );
    expect(stale).toMatchObject({ code: 'VERSION_CONFLICT' });
    const cleared = await identity.send(IdentityPatterns.updateMe, { bio: null }, caller);
    expect(cleared).toMatchObject({ bio: null, headline: 'First programmer', version: 3 });
  });

  it('shows a public profile to anyone, without private fields', async () => {
    const registered = await identity.register({ name: 'Public Person' });
    const profile = await identity.send(IdentityPatterns.publicProfile, { userId: registered.user.id });
    expect(profile).toEqual({
      id: registered.user.id,
      name: 'Public Person',
      bio: null,
      avatarUrl: null,
      headline: null,
      roles: ['student'],
    });
  });

  it('soft-deletes an account: sessions end, profile is gone, the email can register again', async () => {
    const registered = await identity.register({ email: 'leaving@example.com' });
    await expect(identity.send(IdentityPatterns.deleteMe, {}, callerOf(registered))).resolves.toBeNull();
    expect(
      await identity.failure(IdentityPatterns.publicProfile, { userId: registered.user.id }),
    ).toBeInstanceOf(NotFoundError);
    expect(
      await identity.failure(IdentityPatterns.refresh, { refreshToken: registered.refreshToken }),
    ).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(await identity.failure(IdentityPatterns.me, {}, callerOf(registered))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const again = await identity.register({ email: 'leaving@example.com' });
    expect(again.user.id).not.toBe(registered.user.id);
    const rows = await identity.query<{ status: string; deleted: boolean }>(
      `SELECT status, deleted_at IS NOT NULL AS deleted FROM users WHERE email = 'leaving@example.com' ORDER BY created_at`,
    );
    expect(rows).toEqual([
      { status: 'deleted', deleted: true },
      { status: 'active', deleted: false },
    ]);
  });
});
