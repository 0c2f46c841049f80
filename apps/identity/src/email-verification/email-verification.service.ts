import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '@platform/common';
import { runInTransaction } from '@platform/database';
import { invalidAccountToken, AccountTokensService } from '../account-tokens/account-tokens.service';
import { SecurityAuditLog } from '../audit/security-audit-log';
import { type User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';

/** Proves that a user receives mail at their address: a token mailed on registration (and on request). */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly tokens: AccountTokensService,
    private readonly users: UsersRepository,
    private readonly audit: SecurityAuditLog,
  ) {}

  /** In the caller's transaction: mails a verification link. */
  async send(user: User): Promise<void> {
    const issued = await this.tokens.send(user, 'email_verification');
    await this.audit.record('email.verification_requested', {
      userId: user.id,
      details: { expiresAt: issued.expiresAt.toISOString() },
    });
  }

  /** The signed-in user asks for another mail; nothing happens when verified already or within the cooldown. */
  async resend(userId: string): Promise<void> {
    await runInTransaction(async () => {
      const user = await this.users.lockLive(userId);
      if (!user) throw new UnauthenticatedError('This account no longer exists');
      if (user.emailVerifiedAt || (await this.tokens.recentlyIssued(userId, 'email_verification'))) return;
      await this.send(user);
    });
  }

  async verify(token: string): Promise<void> {
    await runInTransaction(async () => {
      const consumed = await this.tokens.consume(token, 'email_verification');
      const user = await this.users.lockLive(consumed.userId);
      // A token proves the address it was sent to, not one the account has since moved to.
      if (!user || user.email !== consumed.email) throw invalidAccountToken();
      if (user.emailVerifiedAt) return;
      await this.users.update(user.id, { emailVerifiedAt: new Date() });
      await this.audit.record('email.verified', { userId: user.id });
    });
  }
}
