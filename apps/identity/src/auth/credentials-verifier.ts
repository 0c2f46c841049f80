import { Inject, Injectable } from '@nestjs/common';
import { PasswordHasher } from '@platform/auth';
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from '@platform/common';
import { runInTransaction } from '@platform/database';
import { SecurityAuditLog } from '../audit/security-audit-log';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { type User, effectiveStatus } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';

export interface VerifiedCredentials {
  user: User;
  /** A fresh hash when the stored one was made with older parameters; store it with the sign-in. */
  rehashed: string | null;
}

/** One body for a wrong email and a wrong password, so the answer does not reveal which accounts exist. */
export function invalidCredentials(): UnauthenticatedError {
  return new UnauthenticatedError('Email or password is incorrect', { code: 'INVALID_CREDENTIALS' });
}

export function accountLocked(lockedUntil: Date | null): RateLimitedError {
  const retryAfterSeconds = Math.max(1, Math.ceil(((lockedUntil?.getTime() ?? 0) - Date.now()) / 1000));
  return new RateLimitedError('Too many failed sign-ins; try again later', retryAfterSeconds, {
    code: 'ACCOUNT_LOCKED',
  });
}

/**
 * Checks a password against an account with brute-force protection: failures are counted
 * per account by one atomic UPDATE, and reaching LOGIN_MAX_FAILURES within the window
 * locks the account for LOGIN_LOCK_SECONDS (429 ACCOUNT_LOCKED with retryAfterSeconds).
 * An unknown email costs the same argon2 work as a known one and gets the same answer.
 */
@Injectable()
export class CredentialsVerifier {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: SecurityAuditLog,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async verify(user: User | null, password: string, attemptedEmail: string): Promise<VerifiedCredentials> {
    if (!user) {
      await this.hasher.verifyAgainstDummy(password);
      await this.audit.record('login.failed', {
        details: { reason: 'unknown_email', email: attemptedEmail },
      });
      throw invalidCredentials();
    }
    if (effectiveStatus(user) === 'locked') {
      await this.audit.record('login.failed', { userId: user.id, details: { reason: 'account_locked' } });
      throw accountLocked(user.lockedUntil);
    }
    const check = await this.hasher.verify(user.passwordHash, password);
    if (!check.valid) return this.failed(user);
    if (user.status === 'disabled') {
      await this.audit.record('login.refused_disabled', { userId: user.id });
      throw new ForbiddenError('This account is disabled');
    }
    return { user, rehashed: check.needsRehash ? await this.hasher.hash(password) : null };
  }

  /** Why an account that passed the password check could not sign in after all (a race with a lock or a disable). */
  async refusal(userId: string): Promise<Error> {
    const user = await this.users.findById(userId);
    if (!user) return invalidCredentials();
    if (user.status === 'disabled') return new ForbiddenError('This account is disabled');
    return accountLocked(user.lockedUntil);
  }

  private async failed(user: User): Promise<never> {
    if (user.status === 'disabled') {
      await this.audit.record('login.failed', { userId: user.id, details: { reason: 'wrong_password' } });
      throw invalidCredentials();
    }
    const outcome = await runInTransaction(async () => {
      const result = await this.users.recordFailedLogin(user.id, {
        maxFailures: this.config.LOGIN_MAX_FAILURES,
        windowSeconds: this.config.LOGIN_FAILURE_WINDOW_SECONDS,
        lockSeconds: this.config.LOGIN_LOCK_SECONDS,
      });
      await this.audit.record('login.failed', {
        userId: user.id,
        details: {
          reason: result ? 'wrong_password' : 'account_locked',
          failedLoginCount: result?.failedLoginCount,
        },
      });
      if (result?.lockedUntil) {
        await this.audit.record('login.locked', {
          userId: user.id,
          details: {
            failedLoginCount: result.failedLoginCount,
            lockedUntil: result.lockedUntil.toISOString(),
          },
        });
      }
      return result;
    });
    if (!outcome) {
      // Locked by a concurrent failure (or disabled meanwhile: a wrong password never learns that).
      const current = await this.users.findById(user.id);
      if (current && effectiveStatus(current) === 'locked') throw accountLocked(current.lockedUntil);
      throw invalidCredentials();
    }
    if (outcome.lockedUntil) throw accountLocked(outcome.lockedUntil);
    throw invalidCredentials();
  }
}
