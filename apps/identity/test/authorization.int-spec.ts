import { isAppError } from '@platform/common';
import { type AuthResultView, IdentityPatterns } from '@platform/contracts';
import { decodeJwt } from 'jose';
import { type Caller, IdentityHarness, callerOf } from './support/identity-harness';

let identity: IdentityHarness;

beforeAll(async () => {
  identity = await IdentityHarness.start('identity_authz');
});

afterAll(async () => {
  await identity?.close();
});

type Who = 'anonymous' | 'student' | 'instructor' | 'admin';
type Audience = 'anyone' | 'user' | 'admin';

interface Scenario {
  /** The caller as the gateway vouches for it (no identity when anonymous). */
  caller: Caller;
  /** An account the test may use: the caller's own, or a bystander's for anonymous callers. */
  account: AuthResultView & { password: string };
}

/** Each pattern with who may call it and a call that succeeds for an allowed caller. */
const patterns: Record<string, { audience: Audience; call: (s: Scenario) => Promise<unknown> }> = {
  register: {
    audience: 'anyone',
    call: ({ caller }) =>
      identity.send(
        IdentityPatterns.register,
        {
          email: `new-${Math.random().toString(36).slice(2)}@example.com`,
          password: 'pass word 1',
          name: 'New',
        },
        caller,
      ),
  },
  login: {
    audience: 'anyone',
    call: ({ caller, account }) =>
      identity.send(
        IdentityPatterns.login,
        { email: account.user.email, password: account.password },
        caller,
      ),
  },
  refresh: {
    audience: 'anyone',
    call: ({ caller, account }) =>
      identity.send(IdentityPatterns.refresh, { refreshToken: account.refreshToken }, caller),
  },
  logout: {
    audience: 'anyone',
    call: ({ caller, account }) =>
      identity.send(IdentityPatterns.logout, { refreshToken: account.refreshToken }, caller),
  },
  forgotPassword: {
    audience: 'anyone',
    call: ({ caller, account }) =>
      identity.send(IdentityPatterns.forgotPassword, { email: account.user.email }, caller),
  },
  resetPassword: {
    audience: 'anyone',
    call: async ({ caller, account }) => {
      await identity.send(IdentityPatterns.forgotPassword, { email: account.user.email });
      const [row] = await identity.query<{ token: string }>(
        `SELECT envelope->'data'->>'token' AS token FROM outbox
          WHERE type = 'identity.password.reset_requested' AND aggregate_id = $1 ORDER BY sequence DESC LIMIT 1`,
        [account.user.id],
      );
      return identity.send(
        IdentityPatterns.resetPassword,
        { token: row.token, newPassword: 'brand new pass' },
        caller,
      );
    },
  },
  verifyEmail: {
    audience: 'anyone',
    call: async ({ caller, account }) => {
      const [row] = await identity.query<{ token: string }>(
        `SELECT envelope->'data'->>'token' AS token FROM outbox
          WHERE type = 'identity.user.verification_requested' AND aggregate_id = $1`,
        [account.user.id],
      );
      return identity.send(IdentityPatterns.verifyEmail, { token: row.token }, caller);
    },
  },
  jwks: { audience: 'anyone', call: ({ caller }) => identity.send(IdentityPatterns.jwks, {}, caller) },
  publicProfile: {
    audience: 'anyone',
    call: ({ caller, account }) =>
      identity.send(IdentityPatterns.publicProfile, { userId: account.user.id }, caller),
  },
  me: { audience: 'user', call: ({ caller }) => identity.send(IdentityPatterns.me, {}, caller) },
  updateMe: {
    audience: 'user',
    call: ({ caller }) => identity.send(IdentityPatterns.updateMe, { headline: 'Learner' }, caller),
  },
  deleteMe: { audience: 'user', call: ({ caller }) => identity.send(IdentityPatterns.deleteMe, {}, caller) },
  listSessions: {
    audience: 'user',
    call: ({ caller }) => identity.send(IdentityPatterns.listSessions, {}, caller),
  },
  revokeSession: {
    audience: 'user',
    call: ({ caller, account }) =>
      identity.send(
        IdentityPatterns.revokeSession,
        { sessionId: decodeJwt(account.accessToken).sid as string },
        caller,
      ),
  },
  changePassword: {
    audience: 'user',
    call: ({ caller, account }) =>
      identity.send(
        IdentityPatterns.changePassword,
        { currentPassword: account.password, newPassword: 'a changed password' },
        caller,
      ),
  },
  requestEmailVerification: {
    audience: 'user',
    call: ({ caller }) => identity.send(IdentityPatterns.requestEmailVerification, {}, caller),
  },
  listUsers: {
    audience: 'admin',
    call: ({ caller }) => identity.send(IdentityPatterns.listUsers, {}, caller),
  },
  adminUpdateUser: {
    audience: 'admin',
    call: async ({ caller }) => {
      const target = await identity.register();
      return identity.send(
        IdentityPatterns.adminUpdateUser,
        { userId: target.user.id, roles: ['instructor'] },
        caller,
      );
    },
  },
  listSecurityEvents: {
    audience: 'admin',
    call: ({ caller }) => identity.send(IdentityPatterns.listSecurityEvents, {}, caller),
  },
};

function expected(audience: Audience, who: Who): 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' {
  if (audience === 'anyone') return 'allowed';
  if (who === 'anonymous') return 'UNAUTHENTICATED';
  if (audience === 'admin' && who !== 'admin') return 'FORBIDDEN';
  return 'allowed';
}

async function scenarioFor(who: Who): Promise<Scenario> {
  const account = await identity.register({ role: who === 'instructor' ? 'instructor' : 'student' });
  if (who === 'anonymous') return { caller: {}, account };
  if (who === 'admin') return { caller: await identity.makeAdmin(account.user.id), account };
  return { caller: callerOf(account), account };
}

const whos: Who[] = ['anonymous', 'student', 'instructor', 'admin'];
const matrix = Object.keys(patterns)
  .sort()
  .flatMap((pattern) =>
    whos.map((who) => [pattern, who, expected(patterns[pattern].audience, who)] as const),
  );

describe('authorization matrix', () => {
  it('covers every identity pattern', () => {
    expect(Object.keys(patterns).sort()).toEqual(Object.keys(IdentityPatterns).sort());
  });

  it.each(matrix)('%s as %s: %s', async (pattern, who, outcome) => {
    const scenario = await scenarioFor(who);
    const result = await patterns[pattern].call(scenario).then(
      () => 'allowed',
      (error: unknown) => (isAppError(error) ? error.code : String(error)),
    );
    expect(result).toBe(outcome);
  });
});
