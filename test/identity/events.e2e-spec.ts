import { findEventDefinition } from '@platform/events';
import { testServers, uniqueTestToken } from '@platform/testing';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { type Account, registerAccount, signInAdmin } from '../support/accounts';
import { EventStreamReader, type StreamedEvent } from '../support/event-stream';
import { E2EPlatform } from '../support/platform';

/**
 * The events of issue 4 as a subscriber sees them on the platform's JetStream stream: each
 * HTTP request through the gateway leads, through identity's outbox and relay, to the
 * documented event, with its catalog payload and an envelope that says what, about whom,
 * by whom and in answer to which request.
 */
let platform: E2EPlatform;
let events: EventStreamReader;
let admin: Account;
const startedAt = new Date();

beforeAll(async () => {
  platform = await E2EPlatform.start({
    label: 'idevents',
    services: ['identity'],
    gatewayEnv: { RATE_LIMIT_AUTH_MAX: '1000' },
  });
  events = await EventStreamReader.open(testServers.natsUrl(), platform.streams.options.streamName);
  admin = await signInAdmin(platform.http);
});
afterAll(async () => {
  await events?.close();
  await platform?.close();
});

const correlation = (step: string) => `${step}-${uniqueTestToken('corr')}`;

interface Expected {
  type: string;
  aggregateId: string;
  correlationId: string;
  actorId?: string;
  data: Record<string, unknown>;
}

/** One event of `type` about `aggregateId`, checked against the catalog and the envelope contract. */
async function expectEvent(expected: Expected): Promise<StreamedEvent> {
  const matching = await events.waitFor(
    (event) =>
      event.envelope.type === expected.type &&
      event.envelope.aggregateId === expected.aggregateId &&
      event.envelope.correlationId === expected.correlationId,
    { what: `${expected.type} for ${expected.aggregateId}` },
  );
  expect(matching).toHaveLength(1);
  const [event] = matching as [StreamedEvent];
  const { envelope } = event;

  const definition = findEventDefinition(envelope.type, envelope.version);
  expect(definition).toBeDefined();
  // The catalog schema accepts the payload and strips nothing: no undocumented fields.
  expect(definition!.schema.parse(envelope.data)).toEqual(envelope.data);
  expect(envelope.data).toEqual(expected.data);

  expect(envelope).toEqual({
    id: expect.any(String),
    type: expected.type,
    version: 1,
    occurredAt: expect.any(String),
    source: 'identity',
    aggregateId: expected.aggregateId,
    correlationId: expected.correlationId,
    ...(expected.actorId ? { actorId: expected.actorId } : {}),
    data: expected.data,
  });
  expect(isUuid(envelope.id) && uuidVersion(envelope.id)).toBe(7);
  const occurredAt = new Date(envelope.occurredAt);
  expect(occurredAt.toISOString()).toBe(envelope.occurredAt);
  expect(occurredAt.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1_000);
  expect(occurredAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);

  expect(event.subject).toBe(`${platform.streams.options.subjectPrefix}.${expected.type}`);
  expect(event.headers).toMatchObject({
    'Nats-Msg-Id': envelope.id,
    'x-correlation-id': expected.correlationId,
    'x-event-type': expected.type,
    'x-event-version': '1',
    'x-aggregate-id': expected.aggregateId,
  });
  return event;
}

/** An admin's PATCH /admin/users/:id under a correlation id of the test's choosing. */
async function adminUpdate(userId: string, body: object, correlationId: string): Promise<void> {
  const res = await platform.http('PATCH', `/api/v1/admin/users/${userId}`, {
    token: admin.accessToken,
    body,
    headers: { 'x-correlation-id': correlationId },
  });
  expect(res.status).toBe(200);
}

const profile = (user: { id: string; name: string }) => ({
  userId: user.id,
  name: user.name,
  avatarUrl: null,
  headline: null,
});

describe('the events of an account’s life, each from its request', () => {
  let account: Account & { name: string };

  it('identity.user.registered and identity.user.verification_requested on registration', async () => {
    const correlationId = correlation('register');
    const email = `${uniqueTestToken('ev')}@example.com`;
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await platform.http('POST', '/api/v1/auth/register', {
      body: { email, password: 'correct horse battery', name: 'Evelyn', role: 'instructor' },
      headers: { 'x-correlation-id': correlationId, traceparent },
    });
    expect(res.status).toBe(201);
    account = {
      id: String(res.body.user.id),
      email,
      password: 'correct horse battery',
      name: 'Evelyn',
      accessToken: String(res.body.accessToken),
      refreshToken: String(res.body.refreshToken),
    };

    // Registration is anonymous: no actor.
    const registered = await expectEvent({
      type: 'identity.user.registered',
      aggregateId: account.id,
      correlationId,
      data: { ...profile(account), email, roles: ['instructor'], locale: null },
    });
    expect(registered.headers.traceparent).toBe(traceparent);

    const [mail] = await events.ofType('identity.user.verification_requested', account.id);
    const token = String(mail?.envelope.data.token);
    await expectEvent({
      type: 'identity.user.verification_requested',
      aggregateId: account.id,
      correlationId,
      data: { userId: account.id, email, token, expiresAt: expect.any(String) as unknown },
    });
    const expiresIn = Date.parse(String(mail?.envelope.data.expiresAt)) - Date.now();
    expect(expiresIn).toBeGreaterThan(47 * 3_600_000);
    expect(expiresIn).toBeLessThanOrEqual(48 * 3_600_000);
    // The mailed token is the one that verifies the address.
    expect((await platform.http('POST', '/api/v1/auth/email/verify', { body: { token } })).status).toBe(204);
    expect(registered.streamSequence).toBeLessThan(mail.streamSequence);
  });

  it('identity.user.updated when the owner edits the profile, naming the changed fields', async () => {
    const correlationId = correlation('update');
    const res = await platform.http('PATCH', '/api/v1/users/me', {
      token: account.accessToken,
      body: { name: 'Evelyn Boyd', headline: 'Mathematician', bio: 'Computed orbits', timezone: 'UTC' },
      headers: { 'x-correlation-id': correlationId },
    });
    expect(res.status).toBe(200);
    account.name = 'Evelyn Boyd';
    const updated = await expectEvent({
      type: 'identity.user.updated',
      aggregateId: account.id,
      correlationId,
      actorId: account.id,
      data: {
        ...profile(account),
        headline: 'Mathematician',
        status: 'active',
        changedFields: expect.arrayContaining(['name', 'headline', 'bio', 'timezone']) as unknown,
      },
    });
    expect(updated.envelope.data.changedFields).toHaveLength(4);
  });

  it('identity.user.role_changed when an admin changes the roles, with the admin as actor', async () => {
    const correlationId = correlation('roles');
    await adminUpdate(account.id, { roles: ['student', 'instructor'] }, correlationId);
    await expectEvent({
      type: 'identity.user.role_changed',
      aggregateId: account.id,
      correlationId,
      actorId: admin.id,
      data: { userId: account.id, roles: ['student', 'instructor'], previousRoles: ['instructor'] },
    });
  });

  it('identity.password.reset_requested carries the token that resets the password', async () => {
    const correlationId = correlation('forgot');
    const res = await platform.http('POST', '/api/v1/auth/password/forgot', {
      body: { email: account.email.toUpperCase() },
      headers: { 'x-correlation-id': correlationId },
    });
    expect(res.status).toBe(202);
    const [mail] = await events.ofType('identity.password.reset_requested', account.id);
    const token = String(mail?.envelope.data.token);
    await expectEvent({
      type: 'identity.password.reset_requested',
      aggregateId: account.id,
      correlationId,
      data: {
        userId: account.id,
        email: account.email,
        token,
        expiresAt: expect.any(String) as unknown,
      },
    });
    const reset = await platform.http('POST', '/api/v1/auth/password/reset', {
      body: { token, newPassword: 'a whole new passphrase' },
    });
    expect(reset.status).toBe(204);
  });

  it('identity.user.updated with status when an admin disables an account', async () => {
    const other = await registerAccount(platform.http, 'student', 'Dora');
    const correlationId = correlation('disable');
    await adminUpdate(other.id, { status: 'disabled' }, correlationId);
    await expectEvent({
      type: 'identity.user.updated',
      aggregateId: other.id,
      correlationId,
      actorId: admin.id,
      data: { ...profile({ id: other.id, name: 'Dora' }), status: 'disabled', changedFields: ['status'] },
    });
  });

  it('identity.user.deleted when the owner deletes the account', async () => {
    const correlationId = correlation('delete');
    const signIn = await platform.http('POST', '/api/v1/auth/login', {
      body: { email: account.email, password: 'a whole new passphrase' },
    });
    const res = await platform.http('DELETE', '/api/v1/users/me', {
      token: String(signIn.body.accessToken),
      headers: { 'x-correlation-id': correlationId },
    });
    expect(res.status).toBe(204);
    await expectEvent({
      type: 'identity.user.deleted',
      aggregateId: account.id,
      correlationId,
      actorId: account.id,
      data: { userId: account.id },
    });
  });

  it('published the account’s events in the order they happened, and no secret but the mailed tokens', async () => {
    const mine = events.events.filter((event) => event.envelope.aggregateId === account.id);
    expect(mine.map((event) => event.envelope.type)).toEqual([
      'identity.user.registered',
      'identity.user.verification_requested',
      'identity.user.updated',
      'identity.user.role_changed',
      'identity.password.reset_requested',
      'identity.user.deleted',
    ]);
    const everything = JSON.stringify(events.events);
    expect(everything).not.toContain('correct horse battery');
    expect(everything).not.toContain('a whole new passphrase');
    expect(everything).not.toContain('$argon2');
    expect(everything).not.toContain(account.refreshToken);
  });
});
