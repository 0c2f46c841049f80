import { ConflictError, ForbiddenError, InvalidFilterError, NotFoundError } from '@platform/common';
import { IdentityPatterns, type ListUsersQuery } from '@platform/contracts';
import { AdminBootstrap } from '../src/admin/admin-bootstrap';
import { AdminUsersService } from '../src/admin/admin-users.service';
import { type Caller, IdentityHarness, callerOf } from './support/identity-harness';

const SEEDED_ADMIN = { email: 'Root@Example.com', password: 'seeded admin password' };

let identity: IdentityHarness;
let admin: Caller;

beforeAll(async () => {
  identity = await IdentityHarness.start('identity_admin', {
    IDENTITY_ADMIN_EMAIL: SEEDED_ADMIN.email,
    IDENTITY_ADMIN_PASSWORD: SEEDED_ADMIN.password,
    IDENTITY_ADMIN_NAME: 'Root',
  });
  const signedIn = await identity.send(IdentityPatterns.login, {
    email: SEEDED_ADMIN.email,
    password: SEEDED_ADMIN.password,
  });
  admin = callerOf(signedIn);
});

afterAll(async () => {
  await identity?.close();
});

const list = (query: ListUsersQuery, caller: Caller = admin) =>
  identity.send(IdentityPatterns.listUsers, query, caller);

describe('the first admin', () => {
  it('is seeded from the environment at start, verified, and only once', async () => {
    const rows = await identity.query<{ roles: string[]; verified: boolean }>(
      `SELECT roles, email_verified_at IS NOT NULL AS verified FROM users WHERE email = 'root@example.com'`,
    );
    expect(rows).toEqual([{ roles: ['admin'], verified: true }]);
    const bootstrap = identity.app.get(AdminBootstrap);
    await expect(
      bootstrap.ensureAdmin({ email: SEEDED_ADMIN.email, password: 'another one entirely', name: 'Root' }),
    ).resolves.toBe('already_admin');
    const registered = await identity.send(IdentityPatterns.login, SEEDED_ADMIN);
    expect(registered.user.roles).toEqual(['admin']);
  });

  it('never promotes an existing account unless asked to (the CLI --promote)', async () => {
    const user = await identity.register({ email: 'squatter@example.com' });
    const bootstrap = identity.app.get(AdminBootstrap);
    const input = { email: 'squatter@example.com', password: 'irrelevant password', name: 'x' };
    await expect(bootstrap.ensureAdmin(input)).resolves.toBe('exists_not_admin');
    expect((await identity.send(IdentityPatterns.me, {}, callerOf(user))).roles).toEqual(['student']);
    await expect(bootstrap.ensureAdmin(input, { promote: true })).resolves.toBe('promoted');
    expect((await identity.send(IdentityPatterns.me, {}, callerOf(user))).roles).toEqual([
      'student',
      'admin',
    ]);
    await identity.query(`UPDATE users SET roles = ARRAY['student']::varchar[] WHERE id = $1`, [
      user.user.id,
    ]);
  });
});

describe('listing users', () => {
  let ids: Record<string, string>;

  beforeAll(async () => {
    const made = await Promise.all([
      identity.register({ email: 'alice.list@example.com', name: 'Alice Listing' }),
      identity.register({ email: 'bob.list@example.com', name: 'Bob Listing', role: 'instructor' }),
      identity.register({ email: 'carol.list@example.com', name: 'Carol 100%_Listing' }),
    ]);
    ids = { alice: made[0].user.id, bob: made[1].user.id, carol: made[2].user.id };
    await identity.send(IdentityPatterns.adminUpdateUser, { userId: ids.carol, status: 'disabled' }, admin);
  });

  it('searches name or email, case-insensitively, with wildcards taken literally', async () => {
    const page = await list({ q: 'LISTING', sort: 'name' });
    expect(page.items.map((u) => u.name)).toEqual(['Alice Listing', 'Bob Listing', 'Carol 100%_Listing']);
    expect(page).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect((await list({ q: 'bob.list@' })).items.map((u) => u.id)).toEqual([ids.bob]);
    expect((await list({ q: '100%_' })).items.map((u) => u.id)).toEqual([ids.carol]);
    expect((await list({ q: '%' })).items.map((u) => u.id)).toEqual([ids.carol]);
  });

  it('filters by role and status, sorts by several fields and pages', async () => {
    expect((await list({ q: 'listing', role: 'instructor' })).items.map((u) => u.id)).toEqual([ids.bob]);
    expect((await list({ q: 'listing', status: 'disabled' })).items.map((u) => u.id)).toEqual([ids.carol]);
    expect((await list({ q: 'listing', status: 'active', sort: '-email' })).items.map((u) => u.id)).toEqual([
      ids.bob,
      ids.alice,
    ]);
    const page = await list({ q: 'listing', sort: '-name,createdAt', limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.items.map((u) => u.id)).toEqual([ids.bob]);
  });

  it('refuses an unknown sort field at the contract, naming the allowed sorts', async () => {
    const error = await identity.failure(IdentityPatterns.listUsers, { sort: 'name,passwordHash' }, admin);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          field: 'sort',
          message: 'sort must be a comma list of createdAt, -createdAt, name, -name, email, -email',
        },
      ],
    });
    const injection = await identity.failure(
      IdentityPatterns.listUsers,
      { sort: 'name; DROP TABLE users' },
      admin,
    );
    expect(injection).toMatchObject({ code: 'VALIDATION_FAILED' });
    const unknownParam = await identity.failure(
      IdentityPatterns.listUsers,
      { passwordHash: 'x' } as unknown as ListUsersQuery,
      admin,
    );
    expect(unknownParam).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'passwordHash' }] });
  });

  it('refuses an unknown sort field again in the repository with INVALID_FILTER (callers that skip the contract)', async () => {
    const error = await identity.app
      .get(AdminUsersService)
      .list({ sort: 'passwordHash' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFilterError);
    expect(error).toMatchObject({
      code: 'INVALID_FILTER',
      details: { field: 'passwordHash', allowedFields: ['createdAt', 'name', 'email', 'id'] },
    });
  });

  it('never shows secrets', async () => {
    const page = await list({ q: 'listing' });
    const json = JSON.stringify(page);
    expect(json).not.toMatch(/argon2|passwordHash|failedLoginCount/);
  });
});

describe('changing roles', () => {
  it('changes roles, records the change and its event', async () => {
    const user = await identity.register();
    const updated = await identity.send(
      IdentityPatterns.adminUpdateUser,
      { userId: user.user.id, roles: ['instructor', 'student'] },
      admin,
    );
    expect(updated.roles).toEqual(['student', 'instructor']);
    const [audit] = await identity.query<{ actor_id: string; details: Record<string, unknown> }>(
      `SELECT actor_id, details FROM security_events WHERE user_id = $1 AND type = 'role.changed'`,
      [user.user.id],
    );
    expect(audit).toEqual({
      actor_id: admin.userId,
      details: { previousRoles: ['student'], roles: ['student', 'instructor'] },
    });
  });

  it("refuses to take the last active admin's admin role, or to disable them", async () => {
    const error = await identity.failure(
      IdentityPatterns.adminUpdateUser,
      { userId: admin.userId!, roles: ['student'] },
      admin,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'LAST_ADMIN' });
    expect(
      await identity.failure(
        IdentityPatterns.adminUpdateUser,
        { userId: admin.userId!, status: 'disabled' },
        admin,
      ),
    ).toMatchObject({ code: 'LAST_ADMIN' });
    expect(await identity.failure(IdentityPatterns.deleteMe, {}, admin)).toMatchObject({
      code: 'LAST_ADMIN',
    });
  });

  it('two admins demoting each other at once cannot leave the platform without one', async () => {
    const helper = await identity.register();
    await identity.send(
      IdentityPatterns.adminUpdateUser,
      { userId: helper.user.id, roles: ['admin'] },
      admin,
    );
    const helperAdmin: Caller = { userId: helper.user.id, roles: ['admin'] };
    const results = await Promise.allSettled([
      identity.send(IdentityPatterns.adminUpdateUser, { userId: helper.user.id, roles: ['student'] }, admin),
      identity.send(
        IdentityPatterns.adminUpdateUser,
        { userId: admin.userId!, roles: ['student'] },
        helperAdmin,
      ),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await identity.query(
      `SELECT id FROM users WHERE 'admin' = ANY(roles) AND deleted_at IS NULL`,
    );
    expect(admins.length).toBeGreaterThanOrEqual(1);
    // Put the seeded admin back in charge for the remaining tests.
    await identity.query(`UPDATE users SET roles = ARRAY['admin']::varchar[] WHERE id = $1`, [admin.userId]);
  });

  it('answers an unknown user as NOT_FOUND', async () => {
    const error = await identity.failure(
      IdentityPatterns.adminUpdateUser,
      { userId: '01890000-0000-7000-8000-00000000dead', roles: ['student'] },
      admin,
    );
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('refuses admin powers to a token whose holder is no longer admin', async () => {
    const former = await identity.register();
    const staleToken: Caller = { userId: former.user.id, roles: ['admin'] };
    expect(await identity.failure(IdentityPatterns.listUsers, {}, staleToken)).toBeInstanceOf(ForbiddenError);
  });
});

describe('disabling and enabling', () => {
  it('disabling revokes every session and refuses sign-in; enabling lets the user back in', async () => {
    const user = await identity.register();
    const disabled = await identity.send(
      IdentityPatterns.adminUpdateUser,
      { userId: user.user.id, status: 'disabled' },
      admin,
    );
    expect(disabled.status).toBe('disabled');
    expect(
      await identity.failure(IdentityPatterns.refresh, { refreshToken: user.refreshToken }),
    ).toMatchObject({
      code: 'INVALID_TOKEN',
    });
    expect(
      await identity.failure(IdentityPatterns.login, { email: user.user.email, password: user.password }),
    ).toBeInstanceOf(ForbiddenError);
    // A wrong password gets the usual answer: it reveals nothing about the account.
    expect(
      await identity.failure(IdentityPatterns.login, { email: user.user.email, password: 'wrong password' }),
    ).toMatchObject({ code: 'INVALID_CREDENTIALS' });

    await identity.send(IdentityPatterns.adminUpdateUser, { userId: user.user.id, status: 'active' }, admin);
    await expect(
      identity.send(IdentityPatterns.login, { email: user.user.email, password: user.password }),
    ).resolves.toMatchObject({ user: { status: 'active' } });
    const audit = await identity.query<{ type: string }>(
      `SELECT type FROM security_events WHERE user_id = $1 AND type LIKE 'user.%' ORDER BY created_at, id`,
      [user.user.id],
    );
    expect(audit.map((a) => a.type)).toEqual(['user.registered', 'user.disabled', 'user.enabled']);
  });

  it('lifts a brute-force lock early', async () => {
    const user = await identity.register();
    await identity.query(
      `UPDATE users SET status = 'locked', locked_until = now() + interval '1 hour', failed_login_count = 5 WHERE id = $1`,
      [user.user.id],
    );
    expect((await list({ q: user.user.email, status: 'locked' })).items).toHaveLength(1);
    const unlocked = await identity.send(
      IdentityPatterns.adminUpdateUser,
      { userId: user.user.id, status: 'active' },
      admin,
    );
    expect(unlocked.status).toBe('active');
    await expect(
      identity.send(IdentityPatterns.login, { email: user.user.email, password: user.password }),
    ).resolves.toBeDefined();
  });

  it('refuses an empty change', async () => {
    const user = await identity.register();
    expect(
      await identity.failure(IdentityPatterns.adminUpdateUser, { userId: user.user.id }, admin),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('security audit log', () => {
  it('lets admins read it, filtered by user and type, newest first', async () => {
    const user = await identity.register();
    await identity.failure(IdentityPatterns.login, { email: user.user.email, password: 'wrong password' });
    const page = await identity.send(
      IdentityPatterns.listSecurityEvents,
      { userId: user.user.id, type: 'login.failed' },
      admin,
    );
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      type: 'login.failed',
      userId: user.user.id,
      ip: '203.0.113.7',
      userAgent: 'jest',
      details: { reason: 'wrong_password', failedLoginCount: 1 },
    });
    const all = await identity.send(IdentityPatterns.listSecurityEvents, { userId: user.user.id }, admin);
    expect(all.items.map((e) => e.type)).toEqual([
      'login.failed',
      'login.succeeded',
      'email.verification_requested',
      'user.registered',
    ]);
  });
});
