import { testServers, uniqueTestToken } from '@platform/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { registerAccount } from '../support/accounts';
import { EventStreamReader } from '../support/event-stream';
import { E2EPlatform } from '../support/platform';
import { IdentityDatabase } from './support/identity-db';

/**
 * The account's life through HTTP → gateway → NATS → identity → PostgreSQL: register, sign in,
 * profile, refresh, logout, sessions, password change, email verification, deletion.
 */
let platform: E2EPlatform;
let db: IdentityDatabase;
let events: EventStreamReader;

beforeAll(async () => {
  platform = await E2EPlatform.start({
    label: 'idlife',
    services: ['identity'],
    gatewayEnv: { RATE_LIMIT_AUTH_MAX: '1000' },
  });
  db = await IdentityDatabase.open(platform);
  events = await EventStreamReader.open(testServers.natsUrl(), platform.streams.options.streamName);
});
afterAll(async () => {
  await events?.close();
  await db?.close();
  await platform?.close();
});

const PASSWORD = 'correct horse battery';
const http = (...args: Parameters<E2EPlatform['http']>) => platform.http(...args);
const freshEmail = (label = 'user') => `${uniqueTestToken(label)}@example.com`;

async function login(email: string, password = PASSWORD, userAgent = 'e2e-tests') {
  return http('POST', '/api/v1/auth/login', {
    body: { email, password },
    headers: { 'user-agent': userAgent },
  });
}

/** The token identity mailed (through the outbox and the stream) for a user, newest first. */
async function mailedToken(type: string, userId: string, count = 1): Promise<string> {
  const mailed = await events.ofType(type, userId, count);
  return String(mailed[mailed.length - 1]?.envelope.data.token);
}

describe('register and sign in', () => {
  it('registers a student: 201 with user and tokens, the email normalised, the password stored as argon2id', async () => {
    const email = freshEmail('Ada');
    const res = await http('POST', '/api/v1/auth/register', {
      body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: ' Ada Lovelace ' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: {
        id: expect.any(String),
        email,
        emailVerified: false,
        name: 'Ada Lovelace',
        roles: ['student'],
        status: 'active',
        bio: null,
        avatarUrl: null,
        headline: null,
        locale: null,
        timezone: null,
        region: null,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    expect(isUuid(String(res.body.user.id)) && uuidVersion(String(res.body.user.id))).toBe(7);
    expect(decodeProtectedHeader(String(res.body.accessToken))).toMatchObject({
      alg: 'ES256',
      kid: expect.any(String),
    });
    expect(decodeJwt(String(res.body.accessToken))).toMatchObject({
      sub: res.body.user.id,
      roles: ['student'],
    });

    const stored = await db.userByEmail(email);
    expect(stored?.id).toBe(res.body.user.id);
    expect(stored?.email).toBe(email);
    expect(stored?.password_hash).toMatch(/^\$argon2id\$/);
    expect(res.text).not.toContain(stored?.password_hash);
    expect(res.text).not.toContain(PASSWORD);
  });

  it('registers an instructor when asked', async () => {
    const res = await http('POST', '/api/v1/auth/register', {
      body: { email: freshEmail('grace'), password: PASSWORD, name: 'Grace', role: 'instructor' },
    });
    expect(res.status).toBe(201);
    expect(res.body.user.roles).toEqual(['instructor']);
  });

  it('refuses an email already taken in another letter case: 409 ALREADY_EXISTS, one account stored', async () => {
    const email = freshEmail('dup');
    expect(
      (await http('POST', '/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'A' } }))
        .status,
    ).toBe(201);
    const again = await http('POST', '/api/v1/auth/register', {
      body: {
        email: email.replace(/^./, (c) => c.toUpperCase()).replace('example.com', 'EXAMPLE.com'),
        password: 'another password',
        name: 'B',
      },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'email' } });
    expect(await db.rows('SELECT id FROM users WHERE lower(email) = $1', [email])).toHaveLength(1);
  });

  it('refuses a self-assigned admin role: 400 naming role, nothing stored', async () => {
    const email = freshEmail('eve');
    const res = await http('POST', '/api/v1/auth/register', {
      body: { email, password: PASSWORD, name: 'Eve', role: 'admin' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'role', message: 'role must be student or instructor' }],
    });
    expect(await db.userByEmail(email)).toBeUndefined();
  });

  it('signs in with the email in any letter case; a wrong password or unknown email is the same 401', async () => {
    const account = await registerAccount(platform.http);
    const ok = await login(account.email.toUpperCase());
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(account.id);
    expect(ok.body.refreshToken).not.toBe(account.refreshToken);

    const wrongPassword = await login(account.email, 'not the password');
    const unknownEmail = await login(freshEmail('nobody'), 'not the password');
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBeNull();
    }
    const { correlationId: _a, ...wrongBody } = wrongPassword.body.error;
    const { correlationId: _b, ...unknownBody } = unknownEmail.body.error;
    expect(wrongBody).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect' });
    expect(unknownBody).toEqual(wrongBody);
  });
});

describe('profile', () => {
  it('GET /users/me, PATCH /users/me with version (a stale one is 409), GET /users/:id shows only the public face', async () => {
    const account = await registerAccount(platform.http);
    const me = await http('GET', '/api/v1/users/me', { token: account.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: account.id, email: account.email, version: 1 });

    const patched = await http('PATCH', '/api/v1/users/me', {
      token: account.accessToken,
      body: { bio: 'Analyst', headline: 'First programmer', timezone: 'Europe/London', version: 1 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ bio: 'Analyst', timezone: 'Europe/London', version: 2 });

    const stale = await http('PATCH', '/api/v1/users/me', {
      token: account.accessToken,
      body: { bio: 'Overwritten', version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await http('GET', '/api/v1/users/me', { token: account.accessToken })).body.bio).toBe('Analyst');

    const publicProfile = await http('GET', `/api/v1/users/${account.id}`);
    expect(publicProfile.status).toBe(200);
    expect(publicProfile.body).toEqual({
      id: account.id,
      name: 'Ada Lovelace',
      bio: 'Analyst',
      avatarUrl: null,
      headline: 'First programmer',
      roles: ['student'],
    });
  });

  it('DELETE /users/me: 204, sessions end, the profile is 404, the email can register again', async () => {
    const account = await registerAccount(platform.http);
    expect((await http('DELETE', '/api/v1/users/me', { token: account.accessToken })).status).toBe(204);
    expect((await http('GET', `/api/v1/users/${account.id}`)).status).toBe(404);
    expect((await login(account.email)).status).toBe(401);
    const refresh = await http('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: account.refreshToken },
    });
    expect(refresh.status).toBe(401);
    const again = await http('POST', '/api/v1/auth/register', {
      body: { email: account.email, password: PASSWORD, name: 'Ada again' },
    });
    expect(again.status).toBe(201);
    expect(again.body.user.id).not.toBe(account.id);
  });
});

describe('refresh and logout', () => {
  it('refresh rotates the refresh token and returns a working access token; logout ends the session', async () => {
    const account = await registerAccount(platform.http);
    const refreshed = await http('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: account.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body as object).sort()).toEqual([
      'accessToken',
      'expiresIn',
      'refreshToken',
    ]);
    expect(refreshed.body.refreshToken).not.toBe(account.refreshToken);
    expect(decodeJwt(String(refreshed.body.accessToken)).sid).toBe(decodeJwt(account.accessToken).sid);
    const me = await http('GET', '/api/v1/users/me', { token: refreshed.body.accessToken });
    expect(me.body.id).toBe(account.id);

    const logout = await http('POST', '/api/v1/auth/logout', {
      body: { refreshToken: refreshed.body.refreshToken },
    });
    expect(logout.status).toBe(204);
    expect(logout.text).toBe('');
    const after = await http('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: refreshed.body.refreshToken },
    });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('INVALID_TOKEN');
    // Logging out twice, or with a token nobody issued, is still 204: logout never tells what exists.
    expect(
      (await http('POST', '/api/v1/auth/logout', { body: { refreshToken: refreshed.body.refreshToken } }))
        .status,
    ).toBe(204);
    expect(
      (await http('POST', '/api/v1/auth/logout', { body: { refreshToken: 'x'.repeat(43) } })).status,
    ).toBe(204);
  });
});

describe('sessions', () => {
  it('lists own sessions, revokes one (its refresh token stops working), and 404s on another user’s', async () => {
    const ada = await registerAccount(platform.http);
    const laptop = await login(ada.email, PASSWORD, 'Laptop/1.0');
    const phone = await login(ada.email, PASSWORD, 'Phone/2.0');
    const list = await http('GET', '/api/v1/auth/sessions', { token: ada.accessToken });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(3);
    const agents = (list.body as Array<{ userAgent: string | null }>).map((s) => s.userAgent);
    expect(agents).toEqual(expect.arrayContaining(['Laptop/1.0', 'Phone/2.0']));
    const phoneSessionId = String(decodeJwt(String(phone.body.accessToken)).sid);
    expect((list.body as Array<{ id: string }>).map((s) => s.id)).toContain(phoneSessionId);

    const revoke = await http('DELETE', `/api/v1/auth/sessions/${phoneSessionId}`, {
      token: ada.accessToken,
    });
    expect(revoke.status).toBe(204);
    const remaining = await http('GET', '/api/v1/auth/sessions', { token: ada.accessToken });
    expect((remaining.body as Array<{ id: string }>).map((s) => s.id)).not.toContain(phoneSessionId);
    expect(remaining.body).toHaveLength(2);
    const phoneRefresh = await http('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: phone.body.refreshToken },
    });
    expect(phoneRefresh.status).toBe(401);
    expect(
      (await http('POST', '/api/v1/auth/refresh', { body: { refreshToken: laptop.body.refreshToken } }))
        .status,
    ).toBe(200);

    const bob = await registerAccount(platform.http, 'student', 'Bob');
    const bobSessionId = String(decodeJwt(bob.accessToken).sid);
    const foreign = await http('DELETE', `/api/v1/auth/sessions/${bobSessionId}`, { token: ada.accessToken });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    // Bob's session is untouched.
    expect(
      (await http('POST', '/api/v1/auth/refresh', { body: { refreshToken: bob.refreshToken } })).status,
    ).toBe(200);
    const [row] = await db.rows<{ revoked_at: Date | null }>(
      'SELECT revoked_at FROM sessions WHERE id = $1',
      [bobSessionId],
    );
    expect(row?.revoked_at).toBeNull();
  });
});

describe('password change (POST /users/me/password)', () => {
  it('needs the current password; ends every session and starts a new one', async () => {
    const account = await registerAccount(platform.http);
    const other = await login(account.email);

    const wrong = await http('POST', '/api/v1/users/me/password', {
      token: account.accessToken,
      body: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');

    const changed = await http('POST', '/api/v1/users/me/password', {
      token: account.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(200);
    expect(Object.keys(changed.body as object).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken']);

    for (const refreshToken of [account.refreshToken, other.body.refreshToken]) {
      expect((await http('POST', '/api/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
    }
    expect(
      (await http('POST', '/api/v1/auth/refresh', { body: { refreshToken: changed.body.refreshToken } }))
        .status,
    ).toBe(200);
    expect((await login(account.email)).status).toBe(401);
    expect((await login(account.email, 'a brand new passphrase')).status).toBe(200);
  });
});

describe('email verification', () => {
  it('the link mailed at registration verifies the email once', async () => {
    const account = await registerAccount(platform.http);
    const token = await mailedToken('identity.user.verification_requested', account.id);
    const verify = await http('POST', '/api/v1/auth/email/verify', { body: { token } });
    expect(verify.status).toBe(204);
    expect((await http('GET', '/api/v1/users/me', { token: account.accessToken })).body.emailVerified).toBe(
      true,
    );

    const twice = await http('POST', '/api/v1/auth/email/verify', { body: { token } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details).toEqual([
      { field: 'token', message: 'is invalid, already used or expired' },
    ]);
  });

  it('POST /auth/email/verification mails a new link that replaces the old one; none once verified', async () => {
    const account = await registerAccount(platform.http);
    const first = await mailedToken('identity.user.verification_requested', account.id);
    const again = await http('POST', '/api/v1/auth/email/verification', { token: account.accessToken });
    expect(again.status).toBe(202);
    expect(again.text).toBe('');
    const second = await mailedToken('identity.user.verification_requested', account.id, 2);
    expect(second).not.toBe(first);
    expect((await http('POST', '/api/v1/auth/email/verify', { body: { token: first } })).status).toBe(400);
    expect((await http('POST', '/api/v1/auth/email/verify', { body: { token: second } })).status).toBe(204);

    expect(
      (await http('POST', '/api/v1/auth/email/verification', { token: account.accessToken })).status,
    ).toBe(202);
    const [row] = await db.rows<{ n: string }>(
      "SELECT count(*) AS n FROM account_tokens WHERE user_id = $1 AND purpose = 'email_verification'",
      [account.id],
    );
    expect(Number(row?.n)).toBe(2);
  });
});

describe('forgotten password', () => {
  /** Everything a client could tell apart, except what differs per request by design. */
  function observable(res: Awaited<ReturnType<typeof http>>) {
    const headers = Object.fromEntries(
      [...res.headers.entries()].filter(
        ([name]) =>
          !['date', 'x-correlation-id', 'x-ratelimit-remaining', 'x-ratelimit-reset'].includes(name),
      ),
    );
    return { status: res.status, headers, body: res.text };
  }

  it('answers a known and an unknown email identically (status, headers, body); only the known one gets a mail', async () => {
    const account = await registerAccount(platform.http);
    const unknownEmail = freshEmail('ghost');
    const known = await http('POST', '/api/v1/auth/password/forgot', { body: { email: account.email } });
    const unknown = await http('POST', '/api/v1/auth/password/forgot', { body: { email: unknownEmail } });
    expect(observable(known)).toEqual(observable(unknown));
    expect(observable(known)).toMatchObject({ status: 202, body: '' });
    expect(known.headers.get('x-ratelimit-limit')).toBe(unknown.headers.get('x-ratelimit-limit'));

    await events.ofType('identity.password.reset_requested', account.id);
    const [audit] = await db.rows<{ details: { outcome: string } }>(
      "SELECT details FROM security_events WHERE type = 'password.reset_requested' AND details->>'email' = $1",
      [unknownEmail],
    );
    expect(audit?.details.outcome).toBe('unknown_email');
    const mailedTo = events.events
      .filter((event) => event.envelope.type === 'identity.password.reset_requested')
      .map((event) => event.envelope.data.email);
    expect(mailedTo).not.toContain(unknownEmail);
  });

  it('the mailed token resets the password once and ends every session', async () => {
    const account = await registerAccount(platform.http);
    const second = await login(account.email);
    expect(
      (await http('POST', '/api/v1/auth/password/forgot', { body: { email: account.email } })).status,
    ).toBe(202);
    const token = await mailedToken('identity.password.reset_requested', account.id);

    const reset = await http('POST', '/api/v1/auth/password/reset', {
      body: { token, newPassword: 'reset to something new' },
    });
    expect(reset.status).toBe(204);
    for (const refreshToken of [account.refreshToken, second.body.refreshToken]) {
      expect((await http('POST', '/api/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
    }
    const live = await db.rows('SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [
      account.id,
    ]);
    expect(live).toHaveLength(0);
    expect((await login(account.email)).status).toBe(401);
    expect((await login(account.email, 'reset to something new')).status).toBe(200);

    const reused = await http('POST', '/api/v1/auth/password/reset', {
      body: { token, newPassword: 'and once more please' },
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error.details).toEqual([
      { field: 'token', message: 'is invalid, already used or expired' },
    ]);
  });
});
