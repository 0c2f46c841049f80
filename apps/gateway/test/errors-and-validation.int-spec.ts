import {
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  NotFoundError,
  OptimisticLockError,
  PaymentRequiredError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
  newId,
} from '@platform/common';
import {
  type GatewayWithIdentity,
  type HttpResult,
  startGatewayWithIdentity,
} from './support/gateway-harness';
import { KNOWN_PASSWORD, errorWithUnknownCode } from './support/identity-double';
import { signAccessToken } from './support/tokens';

let env: GatewayWithIdentity;
let token: string;

beforeAll(async () => {
  env = await startGatewayWithIdentity('gwerrors', {
    captureLogs: true,
    env: { SERVICE_TIMEOUT_MS: '300', BODY_LIMIT_BYTES: '16384' },
  });
  token = await signAccessToken(env.identity.signingKey);
});
afterAll(() => env?.close());

const register = (body: unknown) => env.gateway.request('POST', '/api/v1/auth/register', { body });
const fieldsOf = (res: HttpResult): string[] =>
  [...new Set((res.json.error.details as Array<{ field: string }>).map((d) => d.field))].sort();

/** The exact body of API.md, with the correlation id of the x-correlation-id header. */
function expectErrorBody(res: HttpResult, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  const correlationId = res.headers.get('x-correlation-id');
  expect(correlationId).toBeTruthy();
  expect(Object.keys(res.json as object)).toEqual(['error']);
  expect(res.json.error.code).toBe(code);
  expect(typeof res.json.error.message).toBe('string');
  expect(res.json.error.correlationId).toBe(correlationId);
  const keys = Object.keys(res.json.error as object).sort();
  expect(keys).toEqual(
    res.json.error.details === undefined
      ? ['code', 'correlationId', 'message']
      : ['code', 'correlationId', 'details', 'message'],
  );
  expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack frame
}

describe('validation at the edge (identity is never asked)', () => {
  let callsBefore: number;
  beforeEach(() => {
    callsBefore = env.identity.state.calls.length;
  });
  afterEach(() => {
    expect(env.identity.state.calls.length).toBe(callsBefore);
  });

  it('missing fields are each named', async () => {
    const res = await register({});
    expectErrorBody(res, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res)).toEqual(['email', 'name', 'password']);
  });

  it('wrong types are each named', async () => {
    const res = await register({ email: 5, password: true, name: ['Ada'], role: 7 });
    expectErrorBody(res, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res)).toEqual(['email', 'name', 'password', 'role']);
  });

  it('huge strings are refused, not passed on', async () => {
    const res = await register({
      email: `${'a'.repeat(300)}@example.com`,
      password: 'p'.repeat(5_000),
      name: 'n'.repeat(5_000),
    });
    expectErrorBody(res, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res)).toEqual(['email', 'name', 'password']);
  });

  it('unknown fields are refused by name (no silent mass assignment)', async () => {
    const res = await register({
      email: 'x@example.com',
      password: KNOWN_PASSWORD,
      name: 'X',
      isAdmin: true,
      roles: ['admin'],
    });
    expectErrorBody(res, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res)).toEqual(['isAdmin', 'roles']);
  });

  it('SQL-injection strings where an email or uuid belongs → 400 naming the field', async () => {
    const email = await env.gateway.request('POST', '/api/v1/auth/login', {
      body: { email: "' OR 1=1 --", password: 'x' },
    });
    expectErrorBody(email, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(email)).toEqual(['email']);
    const id = await env.gateway.request('GET', `/api/v1/users/${encodeURIComponent("1' OR '1'='1")}`);
    expectErrorBody(id, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(id)).toEqual(['id']);
    const query = await env.gateway.request('GET', `/api/v1/admin/users?q=${'x'.repeat(101)}&limit=abc`, {
      token: await signAccessToken(env.identity.signingKey, { roles: ['admin'] }),
    });
    expectErrorBody(query, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(query)).toEqual(['limit', 'q']);
  });

  it('a body that is not a JSON object, malformed JSON, an empty JSON body → 400 on (body)', async () => {
    for (const rawBody of ['[1,2]', '"text"', '{"email": "a@b.c",', '']) {
      const res = await env.gateway.request('POST', '/api/v1/auth/login', {
        rawBody,
        headers: { 'content-type': 'application/json' },
      });
      expectErrorBody(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(['(body)']);
    }
  });

  it('a prototype-poisoning body → 400', async () => {
    const res = await env.gateway.request('POST', '/api/v1/auth/login', {
      rawBody: '{"email":"a@example.com","password":"x","__proto__":{"isAdmin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expectErrorBody(res, 400, 'VALIDATION_FAILED');
  });

  it('a body over the size limit → 413; a non-JSON body → 415', async () => {
    const big = await register({
      email: 'x@example.com',
      password: KNOWN_PASSWORD,
      name: 'x'.repeat(20_000),
    });
    expectErrorBody(big, 413, 'PAYLOAD_TOO_LARGE');
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await env.gateway.request('POST', '/api/v1/auth/login', {
        rawBody: 'email=a%40example.com&password=x',
        headers: { 'content-type': contentType },
      });
      expectErrorBody(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('an unknown route → 404 with the error body', async () => {
    expectErrorBody(await env.gateway.request('GET', '/api/v1/no-such-thing'), 404, 'NOT_FOUND');
    expectErrorBody(await env.gateway.request('DELETE', '/api/v1/auth/login'), 404, 'NOT_FOUND');
  });
});

it('SQL-injection strings that are valid data reach identity verbatim, as data', async () => {
  const name = "Robert'); DROP TABLE users;--";
  const res = await register({ email: 'bobby@example.com', password: "' OR '1'='1' --", name });
  expect(res.status).toBe(201);
  expect(env.identity.state.lastCall('register')?.request).toMatchObject({
    name,
    password: "' OR '1'='1' --",
  });
});

describe('service errors map to HTTP (one per status family)', () => {
  const cases: Array<[string, Error, number, string]> = [
    [
      'validation',
      new ValidationError('bad', { details: [{ field: 'x', message: 'bad x' }] }),
      400,
      'VALIDATION_FAILED',
    ],
    ['unauthenticated', new UnauthenticatedError('who?'), 401, 'UNAUTHENTICATED'],
    ['payment', new PaymentRequiredError('declined', { code: 'PAYMENT_DECLINED' }), 402, 'PAYMENT_DECLINED'],
    ['forbidden', new ForbiddenError('no'), 403, 'FORBIDDEN'],
    ['not found', NotFoundError.forEntity('User', 'u1'), 404, 'NOT_FOUND'],
    ['conflict', new ConflictError('full', { code: 'COURSE_FULL' }), 409, 'COURSE_FULL'],
    [
      'version',
      new OptimisticLockError('stale', { details: { currentVersion: 3 } }),
      409,
      'VERSION_CONFLICT',
    ],
    ['idempotency', new IdempotencyKeyReusedError('other body'), 422, 'IDEMPOTENCY_KEY_REUSED'],
    ['rate', new RateLimitedError('slow down', 7), 429, 'RATE_LIMITED'],
  ];

  it.each(cases)('%s', async (_name, error, status, code) => {
    env.identity.state.failNextMe = error;
    const res = await env.gateway.request('GET', '/api/v1/users/me', {
      token,
      headers: { 'x-correlation-id': `corr-${code}` },
    });
    expectErrorBody(res, status, code);
    expect(res.json.error.message).toBe(error.message);
    expect(res.json.error.correlationId).toBe(`corr-${code}`);
    if ('details' in error && error.details !== undefined)
      expect(res.json.error.details).toEqual(error.details);
    if (status === 429) expect(res.headers.get('retry-after')).toBe('7');
  });

  it('a bug in the service → 500 with a generic body; logged at the gateway, never shown', async () => {
    env.identity.state.failNextMe = new TypeError(
      "Cannot read properties of undefined (reading 'passwordHash')",
    );
    const res = await env.gateway.request('GET', '/api/v1/users/me', { token });
    expectErrorBody(res, 500, 'INTERNAL');
    expect(res.json.error.message).toBe('Internal error');
    expect(res.text).not.toContain('passwordHash');
    const logged = env.gateway.logLines.find(
      (line) => line.includes(String(res.json.error.correlationId)) && line.includes('"level":50'),
    );
    expect(logged).toBeDefined();
  });

  it('an error code the gateway does not know → 500, its message withheld', async () => {
    env.identity.state.failNextMe = errorWithUnknownCode();
    const res = await env.gateway.request('GET', '/api/v1/users/me', { token });
    expectErrorBody(res, 500, 'INTERNAL');
    expect(res.text).not.toContain('details only the service should see');
  });

  it('a service slower than SERVICE_TIMEOUT_MS → 504 TIMEOUT', async () => {
    env.identity.state.meDelayMs = 1_000;
    try {
      const res = await env.gateway.request('GET', '/api/v1/users/me', { token });
      expectErrorBody(res, 504, 'TIMEOUT');
      expect(res.json.error.details).toEqual({ service: 'identity' });
    } finally {
      env.identity.state.meDelayMs = 0;
    }
  });
});

it('secrets never reach the logs', async () => {
  const secretToken = await signAccessToken(env.identity.signingKey, { userId: newId() });
  await env.gateway.request('POST', '/api/v1/auth/login', {
    body: { email: 'ada@example.com', password: 'hunter2-very-secret' },
    token: secretToken,
  });
  await env.gateway.request('GET', '/api/v1/users/me', { token: secretToken });
  const logs = env.gateway.logLines.join('\n');
  expect(logs).toContain('/api/v1/users/me'); // the request lines are there…
  expect(logs).not.toContain('hunter2-very-secret'); // …without the password
  expect(logs).not.toContain(secretToken.split('.')[2]); // …or the token
});
