import { newId } from '@platform/common';
import { uniqueTestToken } from '@platform/testing';
import { type Account, registerAccount, signInAdmin } from '../support/accounts';
import { type HttpResult } from '../support/http-client';
import { E2EPlatform } from '../support/platform';
import { IdentityDatabase } from './support/identity-db';

/**
 * Bad input through the whole platform: missing fields, wrong types, huge strings, unknown
 * fields and SQL-injection strings in every field type. Each is a 4xx whose `details` name
 * the bad fields, never a 500, and the identity database is exactly as it was. Free-text
 * fields take such strings as the data they are: stored verbatim, never executed.
 */
let platform: E2EPlatform;
let db: IdentityDatabase;
let student: Account;
let admin: Account;

beforeAll(async () => {
  platform = await E2EPlatform.start({
    label: 'idbadinput',
    services: ['identity'],
    gatewayEnv: { RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_USER_MAX: '100000' },
  });
  db = await IdentityDatabase.open(platform);
  student = await registerAccount(platform.http);
  admin = await signInAdmin(platform.http);
});
afterAll(async () => {
  await db?.close();
  await platform?.close();
});

const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1 OR 1=1',
  '" OR ""="',
  "' UNION SELECT password_hash FROM users --",
  "1'; UPDATE users SET roles = '{admin}' --",
];

interface BadRequest {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  as?: 'student' | 'admin';
  /** The fields `details` must name, exactly. */
  fields: string[];
}

const VALID_REGISTRATION = { email: 'valid@example.com', password: 'correct horse battery', name: 'Ada' };
const api = (path: string) => `/api/v1${path}`;
const anyId = newId();

const MISSING: BadRequest[] = [
  {
    name: 'register {}',
    method: 'POST',
    path: '/auth/register',
    body: {},
    fields: ['email', 'password', 'name'],
  },
  { name: 'login {}', method: 'POST', path: '/auth/login', body: {}, fields: ['email', 'password'] },
  { name: 'refresh {}', method: 'POST', path: '/auth/refresh', body: {}, fields: ['refreshToken'] },
  { name: 'logout {}', method: 'POST', path: '/auth/logout', body: {}, fields: ['refreshToken'] },
  { name: 'forgot {}', method: 'POST', path: '/auth/password/forgot', body: {}, fields: ['email'] },
  {
    name: 'reset {}',
    method: 'POST',
    path: '/auth/password/reset',
    body: {},
    fields: ['token', 'newPassword'],
  },
  { name: 'verify {}', method: 'POST', path: '/auth/email/verify', body: {}, fields: ['token'] },
  {
    name: 'change password {}',
    method: 'POST',
    path: '/users/me/password',
    body: {},
    as: 'student',
    fields: ['currentPassword', 'newPassword'],
  },
  {
    name: 'register without a body',
    method: 'POST',
    path: '/auth/register',
    fields: ['(body)'],
  },
];

const WRONG_TYPES: BadRequest[] = [
  {
    name: 'register with a number, a boolean, an object and an array',
    method: 'POST',
    path: '/auth/register',
    body: { email: 42, password: true, name: { first: 'Ada' }, role: ['student'] },
    fields: ['email', 'password', 'name', 'role'],
  },
  {
    name: 'login with an array email and a numeric password',
    method: 'POST',
    path: '/auth/login',
    body: { email: ['ada@example.com'], password: 12345678 },
    fields: ['email', 'password'],
  },
  {
    name: 'refresh with a number',
    method: 'POST',
    path: '/auth/refresh',
    body: { refreshToken: 1234567890123456 },
    fields: ['refreshToken'],
  },
  {
    name: 'PATCH /users/me with every field of the wrong type',
    method: 'PATCH',
    path: '/users/me',
    as: 'student',
    body: {
      name: 7,
      bio: false,
      avatarUrl: 1,
      headline: [],
      locale: 1,
      timezone: {},
      region: 2,
      version: '2',
    },
    fields: ['name', 'bio', 'avatarUrl', 'headline', 'locale', 'timezone', 'region', 'version'],
  },
  {
    name: 'PATCH /users/me clearing the name',
    method: 'PATCH',
    path: '/users/me',
    as: 'student',
    body: { name: null },
    fields: ['name'],
  },
  {
    name: 'PATCH /admin/users/:id with a string for roles and a boolean status',
    method: 'PATCH',
    path: `/admin/users/${anyId}`,
    as: 'admin',
    body: { roles: 'admin', status: true },
    fields: ['roles', 'status'],
  },
  {
    name: 'GET /admin/users with non-numbers and a repeated parameter',
    method: 'GET',
    path: '/admin/users?limit=ten&offset=-1&role=student&role=admin',
    as: 'admin',
    fields: ['limit', 'offset', 'role'],
  },
  {
    name: 'a JSON array as the body',
    method: 'POST',
    path: '/auth/login',
    body: [VALID_REGISTRATION],
    fields: ['(body)'],
  },
  { name: 'a JSON string as the body', method: 'POST', path: '/auth/login', body: 'ada', fields: ['(body)'] },
];

const HUGE: BadRequest[] = [
  {
    name: 'register with each string one past its limit',
    method: 'POST',
    path: '/auth/register',
    body: {
      email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com` /* 255 characters */,
      password: 'p'.repeat(129),
      name: 'n'.repeat(101),
    },
    fields: ['email', 'password', 'name'],
  },
  {
    name: 'register with a 500 000-character name',
    method: 'POST',
    path: '/auth/register',
    body: { ...VALID_REGISTRATION, name: 'n'.repeat(500_000) },
    fields: ['name'],
  },
  {
    name: 'PATCH /users/me with a long bio, headline and avatar URL',
    method: 'PATCH',
    path: '/users/me',
    as: 'student',
    body: {
      bio: 'b'.repeat(2_001),
      headline: 'h'.repeat(161),
      avatarUrl: `https://cdn.example.com/${'a'.repeat(2_048)}`,
    },
    fields: ['bio', 'headline', 'avatarUrl'],
  },
  {
    name: 'refresh with a 513-character token',
    method: 'POST',
    path: '/auth/refresh',
    body: { refreshToken: 'r'.repeat(513) },
    fields: ['refreshToken'],
  },
  {
    name: 'GET /admin/users with a long q',
    method: 'GET',
    path: `/admin/users?q=${'q'.repeat(101)}`,
    as: 'admin',
    fields: ['q'],
  },
  {
    name: 'GET /admin/users with an offset beyond any table',
    method: 'GET',
    path: '/admin/users?offset=100000000000000000000',
    as: 'admin',
    fields: ['offset'],
  },
];

const UNKNOWN_FIELDS: BadRequest[] = [
  {
    name: 'register claiming admin through fields that do not exist',
    method: 'POST',
    path: '/auth/register',
    body: { ...VALID_REGISTRATION, isAdmin: true, roles: ['admin'] },
    fields: ['isAdmin', 'roles'],
  },
  {
    name: 'PATCH /users/me with fields only identity or admins set',
    method: 'PATCH',
    path: '/users/me',
    as: 'student',
    body: {
      email: 'x@example.com',
      roles: ['admin'],
      status: 'active',
      id: anyId,
      passwordHash: 'x',
      emailVerified: true,
    },
    fields: ['email', 'roles', 'status', 'id', 'passwordHash', 'emailVerified'],
  },
  {
    name: 'login with an extra flag',
    method: 'POST',
    path: '/auth/login',
    body: { email: 'ada@example.com', password: 'whatever', rememberMe: true },
    fields: ['rememberMe'],
  },
  {
    name: 'PATCH /admin/users/:id with a field it does not take',
    method: 'PATCH',
    path: `/admin/users/${anyId}`,
    as: 'admin',
    body: { roles: ['student'], emailVerified: true },
    fields: ['emailVerified'],
  },
  {
    name: 'GET /admin/users with an undocumented filter',
    method: 'GET',
    path: '/admin/users?isAdmin=true',
    as: 'admin',
    fields: ['isAdmin'],
  },
];

/** Every field that has a type narrower than "any text" gets every injection string. */
const INJECTIONS: BadRequest[] = SQL_INJECTIONS.flatMap((sql, i): BadRequest[] => {
  const q = encodeURIComponent(sql);
  return [
    {
      name: `register email and role [${i}]`,
      method: 'POST',
      path: '/auth/register',
      body: { ...VALID_REGISTRATION, email: sql, role: sql },
      fields: ['email', 'role'],
    },
    {
      name: `login email [${i}]`,
      method: 'POST',
      path: '/auth/login',
      body: { email: sql, password: sql },
      fields: ['email'],
    },
    {
      name: `forgot email [${i}]`,
      method: 'POST',
      path: '/auth/password/forgot',
      body: { email: sql },
      fields: ['email'],
    },
    {
      name: `reset token [${i}]`,
      method: 'POST',
      path: '/auth/password/reset',
      body: { token: sql, newPassword: 'a fine new password' },
      fields: ['token'],
    },
    {
      name: `verify token [${i}]`,
      method: 'POST',
      path: '/auth/email/verify',
      body: { token: sql },
      fields: ['token'],
    },
    {
      name: `PATCH /users/me typed fields [${i}]`,
      method: 'PATCH',
      path: '/users/me',
      as: 'student',
      body: { avatarUrl: sql, locale: sql, timezone: sql, region: sql, version: sql },
      fields: ['avatarUrl', 'locale', 'timezone', 'region', 'version'],
    },
    { name: `GET /users/:id [${i}]`, method: 'GET', path: `/users/${q}`, fields: ['id'] },
    {
      name: `DELETE /auth/sessions/:id [${i}]`,
      method: 'DELETE',
      path: `/auth/sessions/${q}`,
      as: 'student',
      fields: ['id'],
    },
    {
      name: `PATCH /admin/users/:id path [${i}]`,
      method: 'PATCH',
      path: `/admin/users/${q}`,
      as: 'admin',
      body: { status: 'active' },
      fields: ['id'],
    },
    {
      name: `PATCH /admin/users/:id body [${i}]`,
      method: 'PATCH',
      path: `/admin/users/${anyId}`,
      as: 'admin',
      body: { roles: [sql], status: sql },
      fields: ['roles', 'status'],
    },
    {
      name: `GET /admin/users filters, sort and page [${i}]`,
      method: 'GET',
      path: `/admin/users?role=${q}&status=${q}&sort=${q}&limit=${q}&offset=${q}`,
      as: 'admin',
      fields: ['role', 'status', 'sort', 'limit', 'offset'],
    },
    {
      name: `GET /admin/security-events filters [${i}]`,
      method: 'GET',
      path: `/admin/security-events?userId=${q}&type=${q}`,
      as: 'admin',
      fields: ['userId', 'type'],
    },
  ];
});

/** Text PostgreSQL cannot store (NUL) is refused up front, not left to fail in the database. */
const UNSTORABLE: BadRequest[] = [
  {
    name: 'register with a NUL in the name',
    method: 'POST',
    path: '/auth/register',
    body: { ...VALID_REGISTRATION, email: 'nul@example.com', name: 'Ada\u0000Lovelace' },
    fields: ['name'],
  },
  {
    name: 'PATCH /users/me with a NUL in bio and headline',
    method: 'PATCH',
    path: '/users/me',
    as: 'student',
    body: { bio: 'a\u0000', headline: '\u0000' },
    fields: ['bio', 'headline'],
  },
  {
    name: 'GET /admin/users with a NUL in q',
    method: 'GET',
    path: '/admin/users?q=a%00b',
    as: 'admin',
    fields: ['q'],
  },
];

function tokenFor(request: BadRequest): string | undefined {
  if (request.as === 'student') return student.accessToken;
  if (request.as === 'admin') return admin.accessToken;
  return undefined;
}

async function send(request: BadRequest): Promise<HttpResult> {
  return platform.http(request.method, api(request.path), { body: request.body, token: tokenFor(request) });
}

function fieldsOf(res: HttpResult): string[] {
  const details = (res.body?.error?.details ?? []) as Array<{ field: string }>;
  return [...new Set(details.map((detail) => detail.field))].sort();
}

describe('refused with 400 naming each bad field, nothing stored', () => {
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await db.counts();
  });

  describe.each([
    ['missing fields', MISSING],
    ['wrong types', WRONG_TYPES],
    ['huge strings', HUGE],
    ['unknown fields', UNKNOWN_FIELDS],
    ['SQL injection in typed fields', INJECTIONS],
    ['text PostgreSQL cannot store', UNSTORABLE],
  ])('%s', (_group, requests) => {
    it.each(requests)('$name', async (request) => {
      const res = await send(request);
      expect({ status: res.status, code: res.body?.error?.code, fields: fieldsOf(res) }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: [...request.fields].sort(),
      });
    });
  });

  it('a body over the size limit is 413, one not in JSON 415, broken JSON and __proto__ 400', async () => {
    const huge = await platform.http('POST', api('/auth/register'), {
      body: { ...VALID_REGISTRATION, name: 'n'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const form = await fetch(`${platform.baseUrl}${api('/auth/login')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=ada%40example.com&password=x',
    });
    expect(form.status).toBe(415);

    for (const raw of [
      '{"email": "ada@example.com", "password": ',
      '{"__proto__": {"isAdmin": true}, "email": "a@b.co", "password": "x"}',
    ]) {
      const res = await fetch(`${platform.baseUrl}${api('/auth/login')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: raw,
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; details: Array<{ field: string }> } };
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details[0]?.field).toBe('(body)');
    }
  });

  it('opaque refresh tokens full of SQL are simply unknown: 400 or 401, never more', async () => {
    for (const sql of SQL_INJECTIONS) {
      for (const path of ['/auth/refresh', '/auth/logout']) {
        const res = await platform.http('POST', api(path), { body: { refreshToken: sql } });
        expect([400, 401, 204]).toContain(res.status);
      }
    }
  });

  it('left the identity database exactly as it was', async () => {
    expect(await db.counts()).toEqual(before);
  });
});

describe('free text takes such strings as data: stored verbatim, never executed', () => {
  it('a name and password full of SQL register, sign in, and are stored as sent', async () => {
    const email = `o'brien--${uniqueTestToken('sql')}@example.com`;
    const name = "Robert'); DROP TABLE users;--";
    const password = "' OR '1'='1' --";
    const res = await platform.http('POST', api('/auth/register'), { body: { email, password, name } });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, name });
    const [row] = await db.rows<{ name: string }>('SELECT name FROM users WHERE id = $1', [res.body.user.id]);
    expect(row?.name).toBe(name);
    expect((await platform.http('POST', api('/auth/login'), { body: { email, password } })).status).toBe(200);
    const wrong = await platform.http('POST', api('/auth/login'), { body: { email, password: "' OR ''='" } });
    expect(wrong.status).toBe(401);
  });

  it('profile text fields keep injection strings verbatim', async () => {
    const res = await platform.http('PATCH', api('/users/me'), {
      token: student.accessToken,
      body: { bio: SQL_INJECTIONS[4], headline: SQL_INJECTIONS[5], name: SQL_INJECTIONS[1] },
    });
    expect(res.status).toBe(200);
    const [row] = await db.rows<{ bio: string; headline: string; name: string; roles: string[] }>(
      'SELECT bio, headline, name, roles FROM users WHERE id = $1',
      [student.id],
    );
    expect(row).toEqual({
      bio: SQL_INJECTIONS[4],
      headline: SQL_INJECTIONS[5],
      name: SQL_INJECTIONS[1],
      roles: ['student'],
    });
  });

  it('search text matches literally: SQL and LIKE wildcards find nobody', async () => {
    for (const q of ["' OR '1'='1", '%', '_', '\\', "%' OR email LIKE '%"]) {
      const res = await platform.http('GET', api(`/admin/users?q=${encodeURIComponent(q)}`), {
        token: admin.accessToken,
      });
      expect({ q, status: res.status, total: res.body.total }).toEqual({ q, status: 200, total: 0 });
    }
  });
});
