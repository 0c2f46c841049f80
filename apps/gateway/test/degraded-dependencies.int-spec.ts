import { newId } from '@platform/common';
import { testServers, uniqueTestToken } from '@platform/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { type GatewayUnderTest, startGateway } from './support/gateway-harness';
import { type IdentityDouble, startIdentityDouble } from './support/identity-double';
import { createSigningKey, signAccessToken } from './support/tokens';

/**
 * A gateway whose services are not running and whose Redis is unreachable (nothing listens
 * on port 1): it must keep answering, with the right statuses, and say so on /health/ready.
 */
let gateway: GatewayUnderTest;
const subjectPrefix = `${uniqueTestToken('gwdegraded')}.`;

beforeAll(async () => {
  gateway = await startGateway({
    subjectPrefix,
    captureLogs: true,
    env: {
      REDIS_URL: 'redis://127.0.0.1:1',
      RATE_LIMIT_USER_MAX: '1',
      UNAVAILABLE_RETRY_AFTER_SECONDS: '3',
      TRUST_PROXY: 'false',
    },
  });
});
afterAll(() => gateway?.close());

it('a service with no responder → 503 with Retry-After', async () => {
  const res = await gateway.request('POST', '/api/v1/auth/login', {
    body: { email: 'ada@example.com', password: 'whatever-it-is' },
  });
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('3');
  expect(res.json.error).toMatchObject({ code: 'UNAVAILABLE', details: { service: 'identity' } });
});

it('a token that cannot be checked (no JWKS yet) → 503, not 401: the client must not discard its session', async () => {
  const token = await signAccessToken(await createSigningKey());
  const res = await gateway.request('GET', '/api/v1/users/me', { token });
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
});

it('rate limits fail open while Redis is down, with a logged warning', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    statuses.push((await gateway.request('GET', `/api/v1/users/${newId()}`)).status);
  }
  // Limit 1 per IP would make the 2nd and 3rd 429; unenforced, they reach NATS (and find no identity).
  expect(statuses).toEqual([503, 503, 503]);
  expect(gateway.logLines.some((line) => line.includes('Rate limits are not enforced'))).toBe(true);
});

it('stays ready (NATS is up) while reporting the services and Redis as degraded', async () => {
  const res = await gateway.request('GET', '/health/ready');
  expect(res.status).toBe(200);
  expect(res.json.details).toMatchObject({
    nats: { status: 'up' },
    redis: { status: 'up', degraded: true },
    'service:identity': { status: 'up', degraded: true },
  });
  expect(res.json.details['service:identity'].message).toMatch(/unavailable/i);
});

describe('when identity comes up later', () => {
  let identity: IdentityDouble;
  beforeAll(async () => {
    identity = await startIdentityDouble(testServers.natsUrl(), subjectPrefix);
  });
  afterAll(() => identity?.close());

  it('its routes answer and readiness reports it reachable, with no restart of the gateway', async () => {
    await sleep(1_100); // the verifier waits 1 s after a failed JWKS fetch before trying again
    const userId = newId();
    const res = await gateway.request('GET', '/api/v1/users/me', {
      token: await signAccessToken(identity.signingKey, { userId }),
      headers: { 'x-forwarded-for': '203.0.113.50' },
    });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(userId);
    // TRUST_PROXY=false: no peer may say who the client is, so the header is ignored.
    expect(identity.state.lastCall('me')?.context?.clientIp).toBe('127.0.0.1');
    const ready = await gateway.request('GET', '/health/ready');
    expect(ready.json.details['service:identity']).toEqual({ status: 'up' });
  });
});
