import { IdentityPatterns } from '@platform/contracts';
import { type EventEnvelope, findEventDefinition } from '@platform/events';
import { z } from 'zod';
import { IdentityHarness, callerOf } from './support/identity-harness';

let identity: IdentityHarness;

beforeAll(async () => {
  identity = await IdentityHarness.start('identity_events');
});

afterAll(async () => {
  await identity?.close();
});

/** The outbox rows of one user, oldest first, each checked against its catalog schema. */
async function eventsOf(userId: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const rows = await identity.query<{ envelope: EventEnvelope<Record<string, unknown>> }>(
    'SELECT envelope FROM outbox WHERE aggregate_id = $1 ORDER BY sequence',
    [userId],
  );
  return rows.map(({ envelope }) => {
    const definition = findEventDefinition(envelope.type, envelope.version);
    if (!definition) throw new Error(`${envelope.type}@v${envelope.version} is not in the catalog`);
    // Strict: a field the catalog does not declare would be drift from the documented contract.
    const schema = definition.schema instanceof z.ZodObject ? definition.schema.strict() : definition.schema;
    const parsed = schema.safeParse(envelope.data);
    expect(parsed.error?.issues ?? []).toEqual([]);
    return envelope;
  });
}

describe('outbox events', () => {
  it('registration records registered and verification_requested with the documented payloads', async () => {
    const user = await identity.register({
      email: 'events@example.com',
      name: 'Eve Events',
      role: 'instructor',
    });
    const [registered, verification] = await eventsOf(user.user.id);
    expect(registered).toMatchObject({
      type: 'identity.user.registered',
      version: 1,
      source: 'identity',
      aggregateId: user.user.id,
      correlationId: expect.any(String),
      data: {
        userId: user.user.id,
        email: 'events@example.com',
        name: 'Eve Events',
        roles: ['instructor'],
        avatarUrl: null,
        headline: null,
        locale: null,
      },
    });
    expect(verification).toMatchObject({
      type: 'identity.user.verification_requested',
      data: {
        userId: user.user.id,
        email: 'events@example.com',
        token: expect.stringMatching(/^[\w-]{43}$/),
      },
    });
    expect(Date.parse(verification.data.expiresAt as string)).toBeGreaterThan(Date.now());
  });

  it('a profile change records updated with the changed fields only, caused by the user', async () => {
    const user = await identity.register();
    await identity.send(
      IdentityPatterns.updateMe,
      { headline: 'Teacher', avatarUrl: 'https://cdn.example.com/a.png', name: user.user.name },
      callerOf(user),
    );
    await identity.send(IdentityPatterns.updateMe, { headline: 'Teacher' }, callerOf(user)); // no change, no event
    const updates = (await eventsOf(user.user.id)).filter((e) => e.type === 'identity.user.updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      actorId: user.user.id,
      data: {
        userId: user.user.id,
        name: user.user.name,
        headline: 'Teacher',
        avatarUrl: 'https://cdn.example.com/a.png',
        status: 'active',
        changedFields: ['avatarUrl', 'headline'],
      },
    });
  });

  it('admin changes record role_changed and updated (status); deletion records deleted', async () => {
    const user = await identity.register();
    const admin = await identity.makeAdmin((await identity.register()).user.id);
    await identity.send(
      IdentityPatterns.adminUpdateUser,
      { userId: user.user.id, roles: ['student', 'instructor'], status: 'disabled' },
      admin,
    );
    await identity.send(IdentityPatterns.adminUpdateUser, { userId: user.user.id, status: 'active' }, admin);
    await identity.send(IdentityPatterns.deleteMe, {}, callerOf(user));
    const events = (await eventsOf(user.user.id)).slice(2);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      [
        'identity.user.role_changed',
        { userId: user.user.id, roles: ['student', 'instructor'], previousRoles: ['student'] },
      ],
      ['identity.user.updated', expect.objectContaining({ status: 'disabled', changedFields: ['status'] })],
      ['identity.user.updated', expect.objectContaining({ status: 'active', changedFields: ['status'] })],
      ['identity.user.deleted', { userId: user.user.id }],
    ]);
    expect(events[0].actorId).toBe(admin.userId);
  });

  it('forgot-password records reset_requested with a token that resets the password', async () => {
    const user = await identity.register();
    await identity.send(IdentityPatterns.forgotPassword, { email: user.user.email });
    const reset = (await eventsOf(user.user.id)).find((e) => e.type === 'identity.password.reset_requested');
    expect(reset?.data).toMatchObject({ userId: user.user.id, email: user.user.email });
    await expect(
      identity.send(IdentityPatterns.resetPassword, {
        token: reset?.data.token as string,
        newPassword: 'fresh password',
      }),
    ).resolves.toBeNull();
  });
});

describe('secrets', () => {
  it('never reach the audit log, and reach the outbox only as the mailed tokens', async () => {
    const password = 'a very recognisable password';
    const user = await identity.register({ password });
    await identity.send(IdentityPatterns.login, { email: user.user.email, password });
    await identity.failure(IdentityPatterns.login, { email: user.user.email, password: `${password}!` });
    const refreshed = await identity.send(IdentityPatterns.refresh, { refreshToken: user.refreshToken });
    await identity.send(IdentityPatterns.logout, { refreshToken: refreshed.refreshToken });
    const audit = JSON.stringify(await identity.query('SELECT * FROM security_events'));
    const outbox = JSON.stringify(await identity.query('SELECT envelope FROM outbox'));
    const [hash] = await identity.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.user.id],
    );
    for (const secret of [
      password,
      user.refreshToken,
      refreshed.refreshToken,
      user.accessToken,
      hash.password_hash,
    ]) {
      expect(audit).not.toContain(secret);
      expect(outbox).not.toContain(secret);
    }
    const audited = await identity.query<{ ip: string; user_agent: string; correlation_id: string }>(
      `SELECT ip, user_agent, correlation_id FROM security_events WHERE user_id = $1 AND type = 'login.failed'`,
      [user.user.id],
    );
    expect(audited).toEqual([{ ip: '203.0.113.7', user_agent: 'jest', correlation_id: expect.any(String) }]);
  });
});
