import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '@platform/auth';
import { UnauthenticatedError } from '@platform/common';
import { type TokenPairView } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { AccountTokensService, invalidAccountToken } from '../account-tokens/account-tokens.service';
import { SecurityAuditLog } from '../audit/security-audit-log';
import { CredentialsVerifier } from '../auth/credentials-verifier';
import { TokenPairIssuer } from '../auth/token-pair-issuer';
import { SessionsService } from '../sessions/sessions.service';
import { UsersRepository } from '../users/users.repository';

/** Forgotten passwords (a mailed single-use link) and password changes by the signed-in user. */
@Injectable()
export class PasswordsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccountTokensService,
    private readonly sessions: SessionsService,
    private readonly credentials: CredentialsVerifier,
    private readonly tokenPairs: TokenPairIssuer,
    private readonly audit: SecurityAuditLog,
  ) {}

  /**
   * Mails a reset link when the email belongs to an active account. The caller learns
   * nothing either way: the reply is the same, and refusals are only in the audit log.
   * (The known path does a few more inserts, so its timing differs by milliseconds; not
   * worth padding, since registration answers "email taken" by contract anyway.)
   */
  async forgot(email: string): Promise<void> {
    const found = await this.users.findLiveByEmail(email);
    await runInTransaction(async () => {
      const user = found && (await this.users.lockLive(found.id));
      if (!user || user.status === 'disabled') {
        await this.audit.record('password.reset_requested', {
          userId: user?.id ?? null,
          details: { outcome: user ? 'account_disabled' : 'unknown_email', email },
        });
        return;
      }
      if (await this.tokens.recentlyIssued(user.id, 'password_reset')) {
        await this.audit.record('password.reset_requested', {
          userId: user.id,
          details: { outcome: 'cooldown' },
        });
        return;
      }
      await this.tokens.send(user, 'password_reset');
      await this.audit.record('password.reset_requested', { userId: user.id, details: { outcome: 'sent' } });
    });
  }

  /** Sets a new password with a reset token; every session of the account ends. */
  async reset(token: string, newPassword: string): Promise<void> {
    const passwordHash = await this.hasher.hash(newPassword);
    await runInTransaction(async () => {
      const consumed = await this.tokens.consume(token, 'password_reset');
      const user = await this.users.lockLive(consumed.userId);
      if (!user || user.email !== consumed.email) throw invalidAccountToken();
      await this.users.setPassword(user.id, passwordHash, { verifyEmail: true });
      await this.tokens.supersede(user.id, 'password_reset');
      const revoked = await this.sessions.revokeAllOfUser(user.id, 'password_reset');
      await this.audit.record('password.reset', {
        userId: user.id,
        details: { revokedSessions: revoked.length },
      });
    });
  }

  /** Knowing the current password: sets a new one, ends every session and opens a new one for the caller. */
  async change(userId: string, currentPassword: string, newPassword: string): Promise<TokenPairView> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthenticatedError('This account no longer exists');
    await this.credentials.verify(user, currentPassword, user.email);
    const passwordHash = await this.hasher.hash(newPassword);
    const grant = await runInTransaction(async () => {
      if (!(await this.users.lockLive(userId)))
        throw new UnauthenticatedError('This account no longer exists');
      await this.users.setPassword(userId, passwordHash, { verifyEmail: false });
      await this.tokens.supersede(userId, 'password_reset');
      const revoked = await this.sessions.revokeAllOfUser(userId, 'password_changed');
      await this.audit.record('password.changed', { userId, details: { revokedSessions: revoked.length } });
      return this.sessions.start(userId);
    });
    return this.tokenPairs.issue(grant, user.roles);
  }
}
