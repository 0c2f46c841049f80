import { type Role, newId } from '@platform/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { type GatewayWithIdentity, startGatewayWithIdentity } from './support/gateway-harness';
import { KNOWN_PASSWORD } from './support/identity-double';
import {
  createSigningKey,
  hs256WithPublicKey,
  signAccessToken,
  tamperPayload,
  unsignedToken,
} from './support/tokens';

let env: GatewayWithIdentity;

beforeAll(async () => {
  env = await startGatewayWithIdentity('gwtokens', {
    env: { JWKS_REFRESH_COOLDOWN_SECONDS: '1', JWT_CLOCK_TOLERANCE_SECONDS: '5' },
  });
});
afterAll(() => env?.close());

const me = (token?: string, headers?: Record<string, string>) =>
  env.gateway.request('GET', '/api/v1/users/me', { token, headers });

function expectRejected(res: Awaited<ReturnType<typeof me>>, code: string, reason: string): void {
  expect({
    status: res.status,
    code: res.json?.error?.code,
    reason: res.json?.error?.details?.reason,
  }).toEqual({
    status: 401,
    code,
    reason,
  });
}

describe('access tokens', () => {
  it('a valid token passes, and the caller reaches identity in the message headers', async () => {
    const userId = newId();
    const token = await signAccessToken(env.identity.signingKey, { userId, roles: ['instructor'] });
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const res = await me(token, {
      'x-correlation-id': 'corr-tokens-1',
      'user-agent': 'tests/1.0',
      'x-forwarded-for': '203.0.113.7',
      traceparent,
      tracestate: 'vendor=1',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: userId, roles: ['instructor'] });
    expect(env.identity.state.lastCall('me')?.context).toEqual({
      correlationId: 'corr-tokens-1',
      userId,
      roles: ['instructor'],
      // The request came from loopback, a trusted proxy by default, so its X-Forwarded-For counts.
      clientIp: '203.0.113.7',
      userAgent: 'tests/1.0',
      traceparent,
      tracestate: 'vendor=1',
    });
  });

  it('no token → 401 UNAUTHENTICATED with a Bearer challenge; identity is not asked', async () => {
    const calls = env.identity.state.calls.length;
    const res = await me();
    expectRejected(res, 'UNAUTHENTICATED', 'missing');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(env.identity.state.calls.length).toBe(calls);
  });

  it('a malformed Authorization header or token → 401 INVALID_TOKEN', async () => {
    for (const authorization of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer a b',
      'Bearer not.a.jwt',
      'Bearer abc',
    ]) {
      const res = await env.gateway.request('GET', '/api/v1/users/me', { headers: { authorization } });
      expect({
        authorization,
        status: res.status,
        code: res.json.error.code,
        reason: res.json.error.details.reason,
      }).toEqual({
        authorization,
        status: 401,
        code: 'INVALID_TOKEN',
        reason: 'malformed',
      });
    }
  });

  it('an expired token → 401 TOKEN_EXPIRED; one within the clock tolerance still passes', async () => {
    expectRejected(
      await me(await signAccessToken(env.identity.signingKey, { expiresIn: -60 })),
      'TOKEN_EXPIRED',
      'expired',
    );
    expect((await me(await signAccessToken(env.identity.signingKey, { expiresIn: -2 }))).status).toBe(200);
  });

  it('a tampered payload (roles raised to admin) → 401 signature, the admin route never reached', async () => {
    const token = await signAccessToken(env.identity.signingKey, { roles: ['student'] });
    const forged = tamperPayload(token, { roles: ['admin'] });
    expectRejected(await me(forged), 'INVALID_TOKEN', 'signature');
    const calls = env.identity.state.calls.length;
    const admin = await env.gateway.request('GET', '/api/v1/admin/users', { token: forged });
    expect(admin.status).toBe(401);
    expect(env.identity.state.calls.length).toBe(calls);
  });

  it('alg none and HS256 signed with the public key → 401 algorithm', async () => {
    const valid = await signAccessToken(env.identity.signingKey, { roles: ['admin'] });
    expectRejected(await me(unsignedToken(valid, env.identity.signingKey.kid)), 'INVALID_TOKEN', 'algorithm');
    expectRejected(await me(await hs256WithPublicKey(env.identity.signingKey)), 'INVALID_TOKEN', 'algorithm');
  });

  it('wrong audience, wrong issuer and claims of the wrong shape → 401', async () => {
    const key = env.identity.signingKey;
    expectRejected(
      await me(await signAccessToken(key, { audience: 'another-api' })),
      'INVALID_TOKEN',
      'audience',
    );
    expectRejected(
      await me(await signAccessToken(key, { issuer: 'https://evil.example' })),
      'INVALID_TOKEN',
      'issuer',
    );
    expectRejected(await me(await signAccessToken(key, { userId: 'admin' })), 'INVALID_TOKEN', 'claims');
    expectRejected(
      await me(await signAccessToken(key, { roles: ['superuser' as Role] })),
      'INVALID_TOKEN',
      'claims',
    );
    expectRejected(await me(await signAccessToken(key, { claims: { sid: 42 } })), 'INVALID_TOKEN', 'claims');
  });

  it('an unknown kid refetches the JWKS once (a flood cannot hammer identity), then 401; a rotated-in key is picked up', async () => {
    await sleep(1_100); // let any earlier fetch's cooldown pass
    const stranger = await createSigningKey('kid-nobody-published');
    const before = env.identity.state.jwksCalls;
    const flood = await Promise.all(
      Array.from({ length: 20 }, async () => me(await signAccessToken(stranger))),
    );
    for (const res of flood) expectRejected(res, 'INVALID_TOKEN', 'unknown_key');
    expect(env.identity.state.jwksCalls - before).toBe(1);

    // identity rotates: the new key is published; a token it signed verifies after one refetch.
    const rotated = await createSigningKey('kid-rotated-in');
    env.identity.state.published = [rotated, env.identity.signingKey];
    await sleep(1_100);
    const userId = newId();
    const res = await me(await signAccessToken(rotated, { userId }));
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(userId);
    expect(env.identity.state.jwksCalls - before).toBe(2);
    // Tokens of the old key keep working until they expire.
    expect((await me(await signAccessToken(env.identity.signingKey))).status).toBe(200);
  });
});

describe('authorization matrix', () => {
  const callers: Array<{ name: string; roles?: Role[] }> = [
    { name: 'anonymous' },
    { name: 'student', roles: ['student'] },
    { name: 'instructor', roles: ['instructor'] },
    { name: 'admin', roles: ['admin'] },
  ];
  const routes: Array<{ method: string; path: string; body?: unknown; expect: Record<string, number> }> = [
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      body: { email: 'ada@example.com', password: KNOWN_PASSWORD },
      expect: { anonymous: 200, student: 200, instructor: 200, admin: 200 },
    },
    {
      method: 'GET',
      path: `/api/v1/users/${newId()}`,
      expect: { anonymous: 200, student: 200, instructor: 200, admin: 200 },
    },
    {
      method: 'GET',
      path: '/api/v1/users/me',
      expect: { anonymous: 401, student: 200, instructor: 200, admin: 200 },
    },
    {
      method: 'GET',
      path: '/api/v1/auth/sessions',
      expect: { anonymous: 401, student: 200, instructor: 200, admin: 200 },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/users',
      expect: { anonymous: 401, student: 403, instructor: 403, admin: 200 },
    },
    {
      method: 'PATCH',
      path: `/api/v1/admin/users/${newId()}`,
      body: { status: 'disabled' },
      expect: { anonymous: 401, student: 403, instructor: 403, admin: 200 },
    },
  ];

  it.each(routes)('$method $path', async (route) => {
    const seen: Record<string, number> = {};
    for (const caller of callers) {
      const token = caller.roles
        ? await signAccessToken(env.identity.signingKey, { roles: caller.roles })
        : undefined;
      const res = await env.gateway.request(route.method, route.path, { token, body: route.body });
      seen[caller.name] = res.status;
      if (res.status === 403) {
        expect(res.json.error).toMatchObject({ code: 'FORBIDDEN', details: { requiredRoles: ['admin'] } });
      }
    }
    expect(seen).toEqual(route.expect);
  });

  it('a public route ignores a bad token; an optional-auth route refuses one', async () => {
    const login = await env.gateway.request('POST', '/api/v1/auth/login', {
      token: 'garbage',
      body: { email: 'ada@example.com', password: KNOWN_PASSWORD },
    });
    expect(login.status).toBe(200);
    const profile = await env.gateway.request('GET', `/api/v1/users/${newId()}`, { token: 'garbage' });
    expect(profile.status).toBe(401);
  });
});
