import { newId } from '@platform/common';
import { testServers, uniqueTestToken } from '@platform/testing';
import { decodeJwt } from 'jose';
import { type Account, registerAccount, signInAdmin } from '../support/accounts';
import { EventStreamReader } from '../support/event-stream';
import { E2EPlatform } from '../support/platform';

/**
 * Anonymous / student / instructor / admin against every identity route of API.md (and the
 * ones the gateway added), through the real gateway and identity: the status of every cell.
 * Routes that end the caller's session or account get a fresh account of that role per cell.
 */
type Caller = 'anonymous' | 'student' | 'instructor' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'student', 'instructor', 'admin'];

let platform: E2EPlatform;
let events: EventStreamReader;
let standing: Record<Exclude<Caller, 'anonymous'>, Account>;

beforeAll(async () => {
  platform = await E2EPlatform.start({
    label: 'idmatrix',
    services: ['identity'],
    gatewayEnv: { RATE_LIMIT_AUTH_MAX: '1000' },
  });
  events = await EventStreamReader.open(testServers.natsUrl(), platform.streams.options.streamName);
  standing = {
    student: await registerAccount(platform.http, 'student'),
    instructor: await registerAccount(platform.http, 'instructor'),
    admin: await signInAdmin(platform.http),
  };
});
afterAll(async () => {
  await events?.close();
  await platform?.close();
});

const login = (email: string, password: string) =>
  platform.http('POST', '/api/v1/auth/login', { body: { email, password } });

/** A new account holding exactly the caller's role (an admin is promoted by the seeded admin, then signs in). */
async function freshAccount(caller: Exclude<Caller, 'anonymous'>): Promise<Account> {
  if (caller !== 'admin') return registerAccount(platform.http, caller);
  const account = await registerAccount(platform.http, 'student');
  const promoted = await platform.http('PATCH', `/api/v1/admin/users/${account.id}`, {
    token: standing.admin.accessToken,
    body: { roles: ['admin'] },
  });
  if (promoted.status !== 200) throw new Error(`promotion failed: ${promoted.status} ${promoted.text}`);
  const signedIn = await login(account.email, account.password);
  return {
    ...account,
    accessToken: String(signedIn.body.accessToken),
    refreshToken: String(signedIn.body.refreshToken),
  };
}

/** The standing caller's token, or a fresh account's when the route would end the standing one. */
async function tokenOf(caller: Caller, fresh = false): Promise<string | undefined> {
  if (caller === 'anonymous') return undefined;
  return fresh ? (await freshAccount(caller)).accessToken : standing[caller].accessToken;
}

async function mailedToken(type: string, userId: string): Promise<string> {
  const [mailed] = await events.ofType(type, userId);
  return String(mailed?.envelope.data.token);
}

interface Cell {
  token?: string;
  path: string;
  body?: unknown;
}

interface RouteCase {
  route: string;
  expected: Record<Caller, number>;
  cell: (caller: Caller) => Promise<Cell>;
}

const anyone = (status: number): Record<Caller, number> => ({
  anonymous: status,
  student: status,
  instructor: status,
  admin: status,
});
const signedIn = (status: number): Record<Caller, number> => ({ ...anyone(status), anonymous: 401 });
const adminOnly = (status: number): Record<Caller, number> => ({
  anonymous: 401,
  student: 403,
  instructor: 403,
  admin: status,
});

const email = () => `${uniqueTestToken('cell')}@example.com`;

const ROUTES: RouteCase[] = [
  {
    route: 'POST /auth/register',
    expected: anyone(201),
    cell: async (caller) => ({
      token: await tokenOf(caller),
      path: '/auth/register',
      body: { email: email(), password: 'correct horse battery', name: 'Cell' },
    }),
  },
  {
    route: 'POST /auth/login',
    expected: anyone(200),
    cell: async (caller) => ({
      token: await tokenOf(caller),
      path: '/auth/login',
      body: { email: standing.student.email, password: standing.student.password },
    }),
  },
  {
    route: 'POST /auth/refresh',
    expected: anyone(200),
    cell: async (caller) => ({
      token: await tokenOf(caller),
      path: '/auth/refresh',
      body: { refreshToken: (await registerAccount(platform.http)).refreshToken },
    }),
  },
  {
    route: 'POST /auth/logout',
    expected: anyone(204),
    cell: async (caller) => ({
      token: await tokenOf(caller),
      path: '/auth/logout',
      body: { refreshToken: (await registerAccount(platform.http)).refreshToken },
    }),
  },
  {
    route: 'POST /auth/password/forgot',
    expected: anyone(202),
    cell: async (caller) => ({
      token: await tokenOf(caller),
      path: '/auth/password/forgot',
      body: { email: standing.student.email },
    }),
  },
  {
    route: 'POST /auth/password/reset',
    expected: anyone(204),
    cell: async (caller) => {
      const account = await registerAccount(platform.http);
      await platform.http('POST', '/api/v1/auth/password/forgot', { body: { email: account.email } });
      const token = await mailedToken('identity.password.reset_requested', account.id);
      return {
        token: await tokenOf(caller),
        path: '/auth/password/reset',
        body: { token, newPassword: 'a new passphrase' },
      };
    },
  },
  {
    route: 'POST /auth/email/verify',
    expected: anyone(204),
    cell: async (caller) => {
      const account = await registerAccount(platform.http);
      const token = await mailedToken('identity.user.verification_requested', account.id);
      return { token: await tokenOf(caller), path: '/auth/email/verify', body: { token } };
    },
  },
  {
    route: 'POST /auth/email/verification',
    expected: signedIn(202),
    cell: async (caller) => ({ token: await tokenOf(caller), path: '/auth/email/verification' }),
  },
  {
    route: 'GET /auth/sessions',
    expected: signedIn(200),
    cell: async (caller) => ({ token: await tokenOf(caller), path: '/auth/sessions' }),
  },
  {
    route: 'DELETE /auth/sessions/:id',
    expected: signedIn(204),
    cell: async (caller) => {
      if (caller === 'anonymous') return { path: `/auth/sessions/${newId()}` };
      // A second session of the caller's, so the standing one lives on.
      const { email: address, password } = standing[caller];
      const second = await login(address, password);
      const sessionId = String(decodeJwt(String(second.body.accessToken)).sid);
      return { token: await tokenOf(caller), path: `/auth/sessions/${sessionId}` };
    },
  },
  {
    route: 'GET /.well-known/jwks.json',
    expected: anyone(200),
    cell: async (caller) => ({ token: await tokenOf(caller), path: '/.well-known/jwks.json' }),
  },
  {
    route: 'GET /users/me',
    expected: signedIn(200),
    cell: async (caller) => ({ token: await tokenOf(caller), path: '/users/me' }),
  },
  {
    route: 'PATCH /users/me',
    expected: signedIn(200),
    cell: async (caller) => ({
      token: await tokenOf(caller),
      path: '/users/me',
      body: { headline: `Edited by ${caller}` },
    }),
  },
  {
    route: 'DELETE /users/me',
    expected: signedIn(204),
    cell: async (caller) => ({ token: await tokenOf(caller, true), path: '/users/me' }),
  },
  {
    route: 'POST /users/me/password',
    expected: signedIn(200),
    cell: async (caller) => {
      const account = caller === 'anonymous' ? undefined : await freshAccount(caller);
      return {
        token: account?.accessToken,
        path: '/users/me/password',
        body: {
          currentPassword: account?.password ?? 'correct horse battery',
          newPassword: 'another passphrase',
        },
      };
    },
  },
  {
    route: 'GET /users/:id',
    expected: anyone(200),
    cell: async (caller) => ({ token: await tokenOf(caller), path: `/users/${standing.instructor.id}` }),
  },
  {
    route: 'GET /admin/users',
    expected: adminOnly(200),
    cell: async (caller) => ({
      token: await tokenOf(caller),
      path: '/admin/users?role=student&sort=-createdAt',
    }),
  },
  {
    route: 'PATCH /admin/users/:id',
    expected: adminOnly(200),
    cell: async (caller) => ({
      token: await tokenOf(caller),
      path: `/admin/users/${(await registerAccount(platform.http)).id}`,
      body: { roles: ['student', 'instructor'] },
    }),
  },
  {
    route: 'GET /admin/security-events',
    expected: adminOnly(200),
    cell: async (caller) => ({
      token: await tokenOf(caller),
      path: '/admin/security-events?type=login.succeeded',
    }),
  },
];

describe('authorization matrix', () => {
  it.each(ROUTES)('$route', async ({ route, expected, cell }) => {
    const [method = ''] = route.split(' ');
    const seen = {} as Record<Caller, number>;
    for (const caller of CALLERS) {
      const { token, path, body } = await cell(caller);
      const res = await platform.http(method, path.startsWith('/.well-known') ? path : `/api/v1${path}`, {
        token,
        body,
      });
      seen[caller] = res.status;
      if (res.status === 401) expect(res.body.error.code).toBe('UNAUTHENTICATED');
      if (res.status === 403) {
        expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', details: { requiredRoles: ['admin'] } });
      }
      if (res.status >= 500) throw new Error(`${route} as ${caller}: ${res.status} ${res.text}`);
    }
    expect(seen).toEqual(expected);
  });

  it('JWKS is served under /api/v1 too, to anyone', async () => {
    const res = await platform.http('GET', '/api/v1/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
  });
});

describe('identity authorizes again behind the gateway', () => {
  it('a demoted admin’s still-valid admin token passes the gateway’s role check but identity answers 403', async () => {
    const demoted = await freshAccount('admin');
    expect((await platform.http('GET', '/api/v1/admin/users', { token: demoted.accessToken })).status).toBe(
      200,
    );
    const demote = await platform.http('PATCH', `/api/v1/admin/users/${demoted.id}`, {
      token: standing.admin.accessToken,
      body: { roles: ['student'] },
    });
    expect(demote.status).toBe(200);
    expect(decodeJwt(demoted.accessToken).roles).toEqual(['admin']);
    const refused = await platform.http('GET', '/api/v1/admin/users', { token: demoted.accessToken });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    // A refresh reads the roles afresh: the next access token no longer claims admin.
    const refreshed = await platform.http('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: demoted.refreshToken },
    });
    expect(decodeJwt(String(refreshed.body.accessToken)).roles).toEqual(['student']);
  });

  it('a disabled user’s sessions end at once and signing in is 403', async () => {
    const account = await registerAccount(platform.http);
    const disable = await platform.http('PATCH', `/api/v1/admin/users/${account.id}`, {
      token: standing.admin.accessToken,
      body: { status: 'disabled' },
    });
    expect(disable.status).toBe(200);
    expect(disable.body.status).toBe('disabled');
    const refresh = await platform.http('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: account.refreshToken },
    });
    expect(refresh.status).toBe(401);
    const signIn = await login(account.email, account.password);
    expect(signIn.status).toBe(403);
    expect(signIn.body.error.code).toBe('FORBIDDEN');
  });
});

describe('what admins read', () => {
  it('GET /admin/security-events filters by user and type, newest first, and holds no secret', async () => {
    const account = await registerAccount(platform.http);
    await login(account.email, 'a wrong password');
    await login(account.email, account.password);
    const res = await platform.http('GET', `/api/v1/admin/security-events?userId=${account.id}&limit=50`, {
      token: standing.admin.accessToken,
    });
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ type: string; userId: string }>;
    const types = items.map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(['login.succeeded', 'login.failed']);
    expect(types).toContain('user.registered');
    expect(new Set(items.map((event) => event.userId))).toEqual(new Set([account.id]));
    expect(res.body).toMatchObject({ total: types.length, limit: 50, offset: 0 });
    expect(res.text).not.toContain(account.password);
    expect(res.text).not.toContain(account.refreshToken);

    const failed = await platform.http(
      'GET',
      `/api/v1/admin/security-events?userId=${account.id}&type=login.failed`,
      { token: standing.admin.accessToken },
    );
    expect(failed.body.items).toHaveLength(1);
    expect(failed.body.items[0]).toMatchObject({
      type: 'login.failed',
      details: { reason: 'wrong_password' },
    });
  });

  it('GET /admin/users searches by name or email, filters by role, sorts by a documented field', async () => {
    const tag = uniqueTestToken('zed');
    for (const name of ['Zed B', 'Zed A']) {
      await platform.http('POST', '/api/v1/auth/register', {
        body: {
          email: `${tag}.${name.slice(-1)}@example.com`,
          password: 'correct horse battery',
          name,
          role: 'instructor',
        },
      });
    }
    const res = await platform.http('GET', `/api/v1/admin/users?q=${tag}&role=instructor&sort=name`, {
      token: standing.admin.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect((res.body.items as Array<{ name: string }>).map((user) => user.name)).toEqual(['Zed A', 'Zed B']);
  });
});
