import { Logger } from '@nestjs/common';
import { IdentityPatterns } from '@platform/contracts';
import { IdentityHarness, callerOf } from './support/identity-harness';

let identity: IdentityHarness;

const mailsOf = (type: string, userId: string) =>
  identity.query(`SELECT id FROM outbox WHERE type = $1 AND aggregate_id = $2`, [type, userId]);

describe('mail cooldown', () => {
  beforeAll(async () => {
    identity = await IdentityHarness.start('identity_mail_cooldown', {
      ACCOUNT_MAIL_COOLDOWN_SECONDS: '3600',
    });
  });

  afterAll(async () => {
    await identity?.close();
  });

  it('sends at most one reset mail per account and period, answering the same every time', async () => {
    const user = await identity.register();
    await expect(
      identity.send(IdentityPatterns.forgotPassword, { email: user.user.email }),
    ).resolves.toBeNull();
    await expect(
      identity.send(IdentityPatterns.forgotPassword, { email: user.user.email }),
    ).resolves.toBeNull();
    expect(await mailsOf('identity.password.reset_requested', user.user.id)).toHaveLength(1);
    const audit = await identity.query<{ outcome: string }>(
      `SELECT details->>'outcome' AS outcome FROM security_events
        WHERE user_id = $1 AND type = 'password.reset_requested' ORDER BY created_at, id`,
      [user.user.id],
    );
    expect(audit.map((row) => row.outcome)).toEqual(['sent', 'cooldown']);
  });

  it('does not resend the verification mail within the period either', async () => {
    const user = await identity.register();
    await identity.send(IdentityPatterns.requestEmailVerification, {}, callerOf(user));
    expect(await mailsOf('identity.user.verification_requested', user.user.id)).toHaveLength(1);
  });
});

describe('links in the log', () => {
  const logged = (spy: jest.SpyInstance): string[] =>
    spy.mock.calls.map((call: unknown[]) => String(call[0])).filter((line) => line.includes('link for user'));

  afterEach(async () => {
    jest.restoreAllMocks();
    await identity?.close();
  });

  it('are written in development only, pointing at the frontend', async () => {
    identity = await IdentityHarness.start('identity_mail_dev', {
      NODE_ENV: 'development',
      PUBLIC_APP_URL: 'https://app.example.com/',
    });
    const spy = jest.spyOn(Logger.prototype, 'log');
    const user = await identity.register();
    const [token] = await identity.query<{ token: string }>(
      `SELECT envelope->'data'->>'token' AS token FROM outbox WHERE type = 'identity.user.verification_requested'`,
    );
    expect(logged(spy)).toEqual([
      `Development only, email_verification link for user ${user.user.id}: https://app.example.com/verify-email?token=${token.token}`,
    ]);
  });

  it('are never written in test or production', async () => {
    identity = await IdentityHarness.start('identity_mail_test');
    const spy = jest.spyOn(Logger.prototype, 'log');
    const user = await identity.register();
    await identity.send(IdentityPatterns.forgotPassword, { email: user.user.email });
    expect(logged(spy)).toEqual([]);
  });
});
