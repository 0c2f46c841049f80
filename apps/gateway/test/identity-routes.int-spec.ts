import { newId } from '@platform/common';
import { type GatewayWithIdentity, startGatewayWithIdentity } from './support/gateway-harness';
import { KNOWN_PASSWORD, LOCKED_EMAIL, MISSING_USER_ID, TAKEN_EMAIL } from './support/identity-double';
import { signAccessToken } from './support/tokens';

/** Every identity route of API.md: its status, and what reaches identity over NATS. */
let env: GatewayWithIdentity;
let studentToken: string;
let adminToken: string;
const studentId = newId();

beforeAll(async () => {
  env = await startGatewayWithIdentity('gwroutes');
  studentToken = await signAccessToken(env.identity.signingKey, { userId: studentId, roles: ['student'] });
  adminToken = await signAccessToken(env.identity.signingKey, { roles: ['admin'] });
});
afterAll(() => env?.close());

const api = (path: string): string => `/api/v1${path}`;

describe('auth routes', () => {
  it('POST /auth/register → 201 with user and tokens; the email is normalised before identity sees it', async () => {
    const res = await env.gateway.request('POST', api('/auth/register'), {
      body: { email: '  Ada@Example.COM ', password: KNOWN_PASSWORD, name: ' Ada ', role: 'instructor' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      user: { email: 'ada@example.com', roles: ['instructor'] },
      expiresIn: 900,
    });
    expect(typeof res.json.accessToken).toBe('string');
    expect(env.identity.state.lastCall('register')?.request).toEqual({
      email: 'ada@example.com',
      password: KNOWN_PASSWORD,
      name: 'Ada',
      role: 'instructor',
    });
  });

  it('POST /auth/register with a taken email → 409, with role admin → 400 before identity is asked', async () => {
    const taken = await env.gateway.request('POST', api('/auth/register'), {
      body: { email: TAKEN_EMAIL, password: KNOWN_PASSWORD, name: 'X' },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('ALREADY_EXISTS');

    const calls = env.identity.state.calls.length;
    const admin = await env.gateway.request('POST', api('/auth/register'), {
      body: { email: 'eve@example.com', password: KNOWN_PASSWORD, name: 'Eve', role: 'admin' },
    });
    expect(admin.status).toBe(400);
    expect(admin.json.error.details).toEqual([
      { field: 'role', message: 'role must be student or instructor' },
    ]);
    expect(env.identity.state.calls.length).toBe(calls);
  });

  it('POST /auth/login → 200; wrong password 401 INVALID_CREDENTIALS; locked 429 with Retry-After', async () => {
    const ok = await env.gateway.request('POST', api('/auth/login'), {
      body: { email: 'ada@example.com', password: KNOWN_PASSWORD },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.user.email).toBe('ada@example.com');

    const wrong = await env.gateway.request('POST', api('/auth/login'), {
      body: { email: 'ada@example.com', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('INVALID_CREDENTIALS');
    // A wrong password is not a token problem: no WWW-Authenticate challenge.
    expect(wrong.headers.get('www-authenticate')).toBeNull();

    const locked = await env.gateway.request('POST', api('/auth/login'), {
      body: { email: LOCKED_EMAIL, password: KNOWN_PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(locked.json.error).toMatchObject({ code: 'ACCOUNT_LOCKED', details: { retryAfterSeconds: 42 } });
    expect(locked.headers.get('retry-after')).toBe('42');
  });

  it('POST /auth/refresh → 200 with a new pair; a reused token → 401 TOKEN_REUSED', async () => {
    const ok = await env.gateway.request('POST', api('/auth/refresh'), {
      body: { refreshToken: 'a'.repeat(40) },
    });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.json as object).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken']);
    const reused = await env.gateway.request('POST', api('/auth/refresh'), {
      body: { refreshToken: `reused${'a'.repeat(30)}` },
    });
    expect(reused.status).toBe(401);
    expect(reused.json.error.code).toBe('TOKEN_REUSED');
  });

  it('logout 204, forgot 202, reset 204, verify 204 — empty bodies, requests forwarded', async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ['/auth/logout', { refreshToken: 'b'.repeat(40) }, 204, 'logout'],
      ['/auth/password/forgot', { email: 'who@example.com' }, 202, 'forgot'],
      ['/auth/password/reset', { token: 'c'.repeat(40), newPassword: 'new password 1' }, 204, 'reset'],
      ['/auth/email/verify', { token: 'd'.repeat(40) }, 204, 'verify'],
    ];
    for (const [path, body, status, subject] of cases) {
      const res = await env.gateway.request('POST', api(path), { body });
      expect({ path, status: res.status, text: res.text }).toEqual({ path, status, text: '' });
      expect(env.identity.state.lastCall(subject)?.request).toEqual(body);
    }
  });
});

describe('sessions and profile routes', () => {
  it('GET /auth/sessions lists the caller’s sessions; DELETE /auth/sessions/:id → 204, unknown → 404', async () => {
    const list = await env.gateway.request('GET', api('/auth/sessions'), { token: studentToken });
    expect(list.status).toBe(200);
    expect(list.json).toHaveLength(1);
    expect(env.identity.state.lastCall('sessions.list')?.context?.userId).toBe(studentId);

    const sessionId = newId();
    const revoke = await env.gateway.request('DELETE', api(`/auth/sessions/${sessionId}`), {
      token: studentToken,
    });
    expect(revoke.status).toBe(204);
    expect(env.identity.state.lastCall('sessions.revoke')?.request).toEqual({ sessionId });

    const missing = await env.gateway.request('DELETE', api(`/auth/sessions/${MISSING_USER_ID}`), {
      token: studentToken,
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
  });

  it('GET, PATCH, DELETE /users/me act on the caller', async () => {
    const me = await env.gateway.request('GET', api('/users/me'), { token: studentToken });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ id: studentId, roles: ['student'] });

    const patch = await env.gateway.request('PATCH', api('/users/me'), {
      token: studentToken,
      body: { bio: 'Mathematician', timezone: 'Europe/London', avatarUrl: null },
    });
    expect(patch.status).toBe(200);
    expect(patch.json).toMatchObject({ id: studentId, bio: 'Mathematician', timezone: 'Europe/London' });
    expect(env.identity.state.lastCall('update_me')?.request).toEqual({
      bio: 'Mathematician',
      timezone: 'Europe/London',
      avatarUrl: null,
    });

    const del = await env.gateway.request('DELETE', api('/users/me'), { token: studentToken });
    expect(del.status).toBe(204);
    expect(env.identity.state.lastCall('delete_me')?.context?.userId).toBe(studentId);
  });

  it('GET /users/:id is public, forwards a signed-in caller, and passes 404 through', async () => {
    const id = newId();
    const anonymous = await env.gateway.request('GET', api(`/users/${id}`));
    expect(anonymous.status).toBe(200);
    expect(anonymous.json).toMatchObject({ id, name: 'Ada' });
    expect(env.identity.state.lastCall('get_public')?.context?.userId).toBeUndefined();

    await env.gateway.request('GET', api(`/users/${id}`), { token: studentToken });
    expect(env.identity.state.lastCall('get_public')?.context?.userId).toBe(studentId);

    const gone = await env.gateway.request('GET', api(`/users/${MISSING_USER_ID}`));
    expect(gone.status).toBe(404);
  });
});

describe('admin routes', () => {
  it('GET /admin/users passes the validated query (numbers converted) to identity', async () => {
    const res = await env.gateway.request(
      'GET',
      api('/admin/users?role=student&status=active&q=ada&sort=-name&limit=5&offset=10'),
      {
        token: adminToken,
      },
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ total: 1, limit: 5, offset: 10 });
    expect(env.identity.state.lastCall('admin_users.list')?.request).toEqual({
      role: 'student',
      status: 'active',
      q: 'ada',
      sort: '-name',
      limit: 5,
      offset: 10,
    });
  });

  it('GET /admin/users rejects an undocumented sort or filter, naming the allowed values', async () => {
    const res = await env.gateway.request('GET', api('/admin/users?sort=passwordHash&isAdmin=1'), {
      token: adminToken,
    });
    expect(res.status).toBe(400);
    const fields = (res.json.error.details as Array<{ field: string; message: string }>)
      .map((d) => d.field)
      .sort();
    expect(fields).toEqual(['isAdmin', 'sort']);
    expect(JSON.stringify(res.json.error.details)).toContain('createdAt, -createdAt, name');
  });

  it('PATCH /admin/users/:id sends the path id with the body', async () => {
    const userId = newId();
    const res = await env.gateway.request('PATCH', api(`/admin/users/${userId}`), {
      token: adminToken,
      body: { roles: ['instructor'], status: 'disabled' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: userId, roles: ['instructor'], status: 'disabled' });
    expect(env.identity.state.lastCall('admin_users.update')?.request).toEqual({
      userId,
      roles: ['instructor'],
      status: 'disabled',
    });
  });
});

describe('JWKS', () => {
  it('is served at the root and under /api/v1, cacheable', async () => {
    for (const path of ['/.well-known/jwks.json', api('/.well-known/jwks.json')]) {
      const res = await env.gateway.request('GET', path);
      expect(res.status).toBe(200);
      expect(res.json.keys[0]).toEqual(env.identity.signingKey.publicJwk);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    }
  });
});
