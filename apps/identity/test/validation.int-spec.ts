import { ValidationError } from '@platform/common';
import { IdentityPatterns, type RequestPattern } from '@platform/contracts';
import { type Caller, IdentityHarness, callerOf } from './support/identity-harness';

let identity: IdentityHarness;

beforeAll(async () => {
  identity = await IdentityHarness.start('identity_validation');
});

afterAll(async () => {
  await identity?.close();
});

/** Fails with VALIDATION_FAILED and returns the fields its details name. */
async function badFields<Req, Res>(
  pattern: RequestPattern<Req, Res>,
  request: unknown,
  caller?: Caller,
): Promise<string[]> {
  const error = await identity.failure(pattern, request as Req, caller);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).code).toBe('VALIDATION_FAILED');
  return [...new Set(((error as ValidationError).details as { field: string }[]).map((d) => d.field))].sort();
}

async function tableCounts(): Promise<Record<string, number>> {
  const [row] = await identity.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM sessions) AS sessions,
            (SELECT count(*)::int FROM outbox) AS outbox, (SELECT count(*)::int FROM account_tokens) AS tokens`,
  );
  return row;
}

const huge = 'x'.repeat(100_000);

describe('bad input is VALIDATION_FAILED naming each field, and stores nothing', () => {
  let before: Record<string, number>;

  beforeAll(async () => {
    before = await tableCounts();
  });

  afterAll(async () => {
    expect(await tableCounts()).toEqual(before);
  });

  it.each<[string, unknown, string[]]>([
    ['missing fields', {}, ['email', 'name', 'password']],
    ['wrong types', { email: 42, password: true, name: { first: 'A' } }, ['email', 'name', 'password']],
    [
      'huge strings',
      { email: `${huge}@example.com`, password: huge, name: huge },
      ['email', 'name', 'password'],
    ],
    [
      'unknown fields',
      { email: 'mallory@example.com', password: 'long enough', name: 'M', isAdmin: true, roles: ['admin'] },
      ['isAdmin', 'roles'],
    ],
    [
      'a self-assigned admin role',
      { email: 'm@example.com', password: 'long enough', name: 'M', role: 'admin' },
      ['role'],
    ],
    ['an SQL injection as email', { email: "' OR '1'='1", password: 'long enough', name: 'M' }, ['email']],
    [
      'a short password and a blank name',
      { email: 'm@example.com', password: 'short', name: '   ' },
      ['name', 'password'],
    ],
  ])('register with %s', async (_case, request, fields) => {
    expect(await badFields(IdentityPatterns.register, request)).toEqual(fields);
  });

  it.each<[string, unknown]>([
    ['a string', 'email=a@b.c'],
    ['an array', [{ email: 'a@b.c' }]],
    ['null', null],
  ])('register with %s as the body', async (_case, body) => {
    expect(await badFields(IdentityPatterns.register, body)).toEqual(['(body)']);
  });

  it.each<[string, RequestPattern<unknown, unknown>, unknown, string[]]>([
    ['login without password', IdentityPatterns.login, { email: 'a@b.co' }, ['password']],
    ['refresh with a tiny token', IdentityPatterns.refresh, { refreshToken: 'abc' }, ['refreshToken']],
    ['refresh with a huge token', IdentityPatterns.refresh, { refreshToken: huge }, ['refreshToken']],
    ['logout with a number', IdentityPatterns.logout, { refreshToken: 1234567890123456 }, ['refreshToken']],
    ['forgot without email', IdentityPatterns.forgotPassword, { mail: 'a@b.co' }, ['email', 'mail']],
    [
      'reset with a short password',
      IdentityPatterns.resetPassword,
      { token: 'x'.repeat(43), newPassword: 'short' },
      ['newPassword'],
    ],
    ['verify without token', IdentityPatterns.verifyEmail, {}, ['token']],
    [
      'public profile with an SQL injection id',
      IdentityPatterns.publicProfile,
      { userId: "1' OR '1'='1" },
      ['userId'],
    ],
  ])('%s', async (_case, pattern, request, fields) => {
    expect(await badFields(pattern, request)).toEqual(fields);
  });
});

describe('signed-in callers get the same checks', () => {
  it('refuses bad profile values, each named', async () => {
    const user = await identity.register();
    const fields = await badFields(
      IdentityPatterns.updateMe,
      {
        name: null,
        avatarUrl: 'javascript:alert(1)',
        timezone: 'Mars/Olympus_Mons',
        locale: 'english',
        region: 'EU WEST',
        bio: huge,
        version: 0,
        email: 'new@example.com',
      },
      callerOf(user),
    );
    expect(fields).toEqual(['avatarUrl', 'bio', 'email', 'locale', 'name', 'region', 'timezone', 'version']);
    expect(await identity.send(IdentityPatterns.me, {}, callerOf(user))).toEqual(user.user);
  });

  it('refuses bad admin input before touching anything', async () => {
    const target = await identity.register();
    const admin = await identity.makeAdmin((await identity.register()).user.id);
    expect(
      await badFields(
        IdentityPatterns.adminUpdateUser,
        { userId: target.user.id, roles: ['superuser', 'admin', 'admin'], status: 'deleted' },
        admin,
      ),
    ).toEqual(['roles', 'status']);
    expect(
      await badFields(IdentityPatterns.adminUpdateUser, { userId: target.user.id, roles: [] }, admin),
    ).toEqual(['roles']);
    expect(
      await badFields(IdentityPatterns.listUsers, { limit: 1000, offset: -1, q: huge, role: 'root' }, admin),
    ).toEqual(['limit', 'offset', 'q', 'role']);
    expect(
      await badFields(IdentityPatterns.revokeSession, { sessionId: 'not-a-uuid' }, callerOf(target)),
    ).toEqual(['sessionId']);
    expect((await identity.send(IdentityPatterns.me, {}, callerOf(target))).roles).toEqual(['student']);
  });
});

describe('SQL-looking input that is valid is data, never SQL', () => {
  it('stores a name full of SQL literally and the tables stay intact', async () => {
    const name = "Robert'); DROP TABLE users;--";
    const user = await identity.register({ name });
    expect(user.user.name).toBe(name);
    const [row] = await identity.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [
      user.user.id,
    ]);
    expect(row.name).toBe(name);
  });

  it('answers a quote-laden email sign-in as wrong credentials, not an error', async () => {
    const error = await identity.failure(IdentityPatterns.login, {
      email: "admin'--@example.com",
      password: "' OR '1'='1",
    });
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('searches with quotes and wildcards safely', async () => {
    const admin = await identity.makeAdmin((await identity.register()).user.id);
    const page = await identity.send(IdentityPatterns.listUsers, { q: "' OR 1=1 --" }, admin);
    expect(page.total).toBe(0);
  });
});
