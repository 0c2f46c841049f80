import { isUuid, newId } from '@platform/common';
import { type GatewayWithIdentity, startGatewayWithIdentity } from './support/gateway-harness';
import { signAccessToken } from './support/tokens';

const APP_ORIGIN = 'https://app.example.com';
let env: GatewayWithIdentity;

beforeAll(async () => {
  env = await startGatewayWithIdentity('gwplatform', {
    env: { CORS_ORIGINS: `${APP_ORIGIN},https://admin.example.com` },
  });
});
afterAll(() => env?.close());

describe('correlation id', () => {
  it('is echoed when well-formed, generated when absent or malformed, on every kind of response', async () => {
    const echoed = await env.gateway.request('GET', '/api/v1/hello', {
      headers: { 'x-correlation-id': 'client-req-42' },
    });
    expect(echoed.headers.get('x-correlation-id')).toBe('client-req-42');

    const generated = await env.gateway.request('GET', '/api/v1/hello');
    expect(isUuid(generated.headers.get('x-correlation-id'))).toBe(true);

    const malformed = await env.gateway.request('GET', '/api/v1/hello', {
      headers: { 'x-correlation-id': 'has spaces and <script>' },
    });
    expect(isUuid(malformed.headers.get('x-correlation-id'))).toBe(true);

    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['GET', '/api/v1/users/me'],
      ['GET', '/health/live'],
      ['OPTIONS', '/api/v1/users/me'],
    ] as const) {
      const res = await env.gateway.request(method, path, {
        headers: {
          'x-correlation-id': `c-${method}`,
          origin: APP_ORIGIN,
          'access-control-request-method': 'GET',
        },
      });
      expect({ path, id: res.headers.get('x-correlation-id') }).toEqual({ path, id: `c-${method}` });
    }
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin with the headers the API needs', async () => {
    const res = await env.gateway.request('OPTIONS', '/api/v1/users/me', {
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets an allowed origin read the correlation id and rate-limit headers; says nothing to others', async () => {
    const allowed = await env.gateway.request('GET', `/api/v1/users/${newId()}`, {
      headers: { origin: APP_ORIGIN },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(allowed.headers.get('access-control-expose-headers')).toContain('x-correlation-id');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('retry-after');

    const other = await env.gateway.request('GET', '/api/v1/hello', {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await env.gateway.request('OPTIONS', '/api/v1/users/me', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers', () => {
  it('are on API responses and errors alike', async () => {
    for (const path of ['/api/v1/hello', '/api/v1/users/me', '/docs']) {
      const res = await env.gateway.request('GET', path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('/docs', () => {
  it('serves a UI page with no inline script, and its assets', async () => {
    const page = await env.gateway.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('id="swagger-ui"');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/); // every script has a src
    const scripts = [...page.text.matchAll(/(?:src|href)="(docs\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(5);
    for (const asset of scripts) {
      const res = await env.gateway.request('GET', `/${asset}`);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect(res.text.length).toBeGreaterThan(100);
    }
    expect((await env.gateway.request('GET', '/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('serves an OpenAPI document of every identity route, with their auth, inputs and errors', async () => {
    const res = await env.gateway.request('GET', '/docs/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toMatch(/^3\./);
    // Each service's routes are checked by its own tests; these tags are identity's and the gateway's.
    const tags = new Set(['auth', 'users', 'admin', 'system']);
    const routes = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap(
      ([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.tags?.some((tag) => tags.has(tag)))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'POST /api/v1/auth/register',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/refresh',
        'POST /api/v1/auth/logout',
        'POST /api/v1/auth/password/forgot',
        'POST /api/v1/auth/password/reset',
        'POST /api/v1/auth/email/verify',
        'POST /api/v1/auth/email/verification',
        'GET /api/v1/auth/sessions',
        'DELETE /api/v1/auth/sessions/{id}',
        'GET /api/v1/users/me',
        'PATCH /api/v1/users/me',
        'DELETE /api/v1/users/me',
        'POST /api/v1/users/me/password',
        'GET /api/v1/users/{id}',
        'GET /api/v1/admin/users',
        'GET /api/v1/admin/security-events',
        'PATCH /api/v1/admin/users/{id}',
        'GET /api/v1/.well-known/jwks.json',
        'GET /api/v1/hello',
      ].sort(),
    );
    const paths = doc.paths;
    expect(paths['/api/v1/users/me'].get.security).toEqual([{ bearer: [] }]);
    expect(paths['/api/v1/auth/login'].post.security).toBeUndefined();
    expect(Object.keys(paths['/api/v1/auth/login'].post.responses as object).sort()).toEqual([
      '200',
      '400',
      '429',
      '503',
      '504',
    ]);
    expect(paths['/api/v1/admin/users'].get.responses['403'].description).toContain('admin');
    expect(
      (paths['/api/v1/admin/users'].get.parameters as Array<{ name: string }>).map((p) => p.name).sort(),
    ).toEqual(['limit', 'offset', 'q', 'role', 'sort', 'status']);
    expect(paths['/api/v1/auth/register'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/RegisterRequest',
    );
    expect((doc.components.schemas.RegisterRequest.required as string[]).sort()).toEqual([
      'email',
      'name',
      'password',
    ]);
    expect(paths['/api/v1/auth/email/verification'].post.security).toEqual([{ bearer: [] }]);
    expect(paths['/api/v1/admin/security-events'].get.responses['403'].description).toContain('admin');
    expect(doc.components.schemas.UserViewSchema.required).toContain('version');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('/metrics', () => {
  it('counts and times requests per route pattern, method and status class — never raw URLs', async () => {
    const ids = [newId(), newId()];
    for (const id of ids) await env.gateway.request('GET', `/api/v1/users/${id}`);
    await env.gateway.request('GET', '/api/v1/users/me');
    await env.gateway.request('GET', `/api/v1/nothing-here/${ids[0]}`);
    const res = await env.gateway.request('GET', '/metrics');
    expect(res.status).toBe(200);
    const text = res.text;
    const count = (route: string, status: string): number => {
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('http_requests_total{') &&
            l.includes(`route="${route}"`) &&
            l.includes(`status_class="${status}"`) &&
            l.includes('method="GET"'),
        );
      return line ? Number(line.split(' ').pop()) : 0;
    };
    expect(count('/api/v1/users/:id', '2xx')).toBeGreaterThanOrEqual(2);
    expect(count('/api/v1/users/me', '4xx')).toBeGreaterThanOrEqual(1);
    expect(count('unmatched', '4xx')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/users\/:id"/);
    for (const id of ids) expect(text).not.toContain(id);
  });
});

describe('/health', () => {
  it('live is up; ready reports NATS, Redis and each service', async () => {
    expect((await env.gateway.request('GET', '/health/live')).status).toBe(200);
    const ready = await env.gateway.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json.details).toEqual({
      lifecycle: { status: 'up' },
      nats: { status: 'up' },
      redis: { status: 'up' },
      'service:identity': { status: 'up' },
      // No course or commerce service runs in this file: reported, never making the gateway unready.
      'service:course': expect.objectContaining({ status: 'up', degraded: true }),
      'service:commerce': expect.objectContaining({ status: 'up', degraded: true }),
    });
  });

  it('health and metrics need no token even though API routes do', async () => {
    const token = await signAccessToken(env.identity.signingKey);
    expect((await env.gateway.request('GET', '/api/v1/users/me')).status).toBe(401);
    expect((await env.gateway.request('GET', '/api/v1/users/me', { token })).status).toBe(200);
    expect((await env.gateway.request('GET', '/health/ready')).status).toBe(200);
    expect((await env.gateway.request('GET', '/metrics')).status).toBe(200);
  });
});
