import { IdentityPatterns } from '@platform/contracts';
import { IdentityHarness, callerOf } from './support/identity-harness';

let identity: IdentityHarness;

beforeAll(async () => {
  identity = await IdentityHarness.start('identity_mail_cooldown', { ACCOUNT_MAIL_COOLDOWN_SECONDS: '3600' });
});

afterAll(async () => {
  await identity?.close();
});

const mailsOf = (type: string, userId: string) =>
  identity.query(`SELECT id FROM outbox WHERE type = $1 AND aggregate_id = $2`, [type, userId]);

describe('mail cooldown', () => {
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
