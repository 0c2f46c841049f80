import { newId } from '@platform/common';
import {
  type GatewayWithIdentity,
  type HttpResult,
  startGatewayWithIdentity,
} from './support/gateway-harness';
import { KNOWN_PASSWORD } from './support/identity-double';
import { signAccessToken } from './support/tokens';

let env: GatewayWithIdentity;

beforeAll(async () => {
  env = await startGatewayWithIdentity('gwrates', {
    env: {
      RATE_LIMIT_AUTH_MAX: '3',
      RATE_LIMIT_AUTH_WINDOW_SECONDS: '60',
      RATE_LIMIT_USER_MAX: '5',
      RATE_LIMIT_USER_WINDOW_SECONDS: '60',
    },
  });
});
afterAll(() => env?.close());

const login = (ip: string) =>
  env.gateway.request('POST', '/api/v1/auth/login', {
    body: { email: 'ada@example.com', password: KNOWN_PASSWORD },
    headers: { 'x-forwarded-for': ip },
  });

function expectLimited(res: HttpResult, scope: 'ip' | 'user', limit: number): void {
  expect(res.status).toBe(429);
  expect(res.json.error).toMatchObject({
    code: 'RATE_LIMITED',
    details: { scope, limit, windowSeconds: 60 },
  });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.json.error.details.retryAfterSeconds).toBe(retryAfter);
  expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
}

describe('auth routes: per client IP and route', () => {
  it('the request past the limit is 429 with Retry-After, and identity is not asked', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await login('198.51.100.1');
      statuses.push(res.status);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
    }
    expect(statuses).toEqual([200, 200, 200]);
    const calls = env.identity.state.calls.length;
    expectLimited(await login('198.51.100.1'), 'ip', 3);
    expect(env.identity.state.calls.length).toBe(calls);
  });

  it('another IP, and another auth route from the same IP, have their own budgets', async () => {
    expect((await login('198.51.100.2')).status).toBe(200);
    const forgot = await env.gateway.request('POST', '/api/v1/auth/password/forgot', {
      body: { email: 'ada@example.com' },
      headers: { 'x-forwarded-for': '198.51.100.1' },
    });
    expect(forgot.status).toBe(202);
  });

  it('concurrent requests never slip past the limit (one atomic count per request)', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => login('198.51.100.3')));
    const statuses = results.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });
});

describe('other routes: per user, per IP when anonymous', () => {
  it('a user is limited by user id, whatever address they come from; another user on the same address is not', async () => {
    const alice = await signAccessToken(env.identity.signingKey, { userId: newId() });
    const bob = await signAccessToken(env.identity.signingKey, { userId: newId() });
    for (let i = 0; i < 5; i += 1) {
      const res = await env.gateway.request('GET', '/api/v1/users/me', {
        token: alice,
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      expect(res.status).toBe(200);
    }
    expectLimited(
      await env.gateway.request('GET', '/api/v1/users/me', {
        token: alice,
        headers: { 'x-forwarded-for': '203.0.113.99' },
      }),
      'user',
      5,
    );
    // Routes share the per-user budget.
    expect((await env.gateway.request('GET', '/api/v1/auth/sessions', { token: alice })).status).toBe(429);
    const other = await env.gateway.request('GET', '/api/v1/users/me', {
      token: bob,
      headers: { 'x-forwarded-for': '203.0.113.1' },
    });
    expect(other.status).toBe(200);
  });

  it('anonymous callers of public routes are counted per IP', async () => {
    const profile = (ip: string) =>
      env.gateway.request('GET', `/api/v1/users/${newId()}`, { headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 5; i += 1) expect((await profile('192.0.2.10')).status).toBe(200);
    expectLimited(await profile('192.0.2.10'), 'ip', 5);
    expect((await profile('192.0.2.11')).status).toBe(200);
  });

  it('the hello route, health and metrics are not counted', async () => {
    for (let i = 0; i < 8; i += 1) {
      const hello = await env.gateway.request('GET', '/api/v1/hello', {
        headers: { 'x-forwarded-for': '192.0.2.10' },
      });
      expect(hello.status).toBe(200);
      expect(hello.headers.get('x-ratelimit-limit')).toBeNull();
      expect(
        (await env.gateway.request('GET', '/health/live', { headers: { 'x-forwarded-for': '192.0.2.10' } }))
          .status,
      ).toBe(200);
    }
  });
});
