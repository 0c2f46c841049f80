import { Inject, Injectable, Logger } from '@nestjs/common';
import { ValidationError } from '@platform/common';
import { afterCommit } from '@platform/database';
import { EventPublisher, PasswordResetRequested, VerificationRequested } from '@platform/events';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { hashToken, newOpaqueToken } from '../crypto/opaque-token';
import { type AccountTokenPurpose } from './account-token.entity';
import { AccountTokensRepository } from './account-tokens.repository';

export interface IssuedAccountToken {
  token: string;
  expiresAt: Date;
}

const LINK_PATHS: Record<AccountTokenPurpose, string> = {
  email_verification: '/verify-email',
  password_reset: '/reset-password',
};

/** The event that hands a token of each purpose to mail delivery. */
const DELIVERY_EVENTS = {
  email_verification: VerificationRequested,
  password_reset: PasswordResetRequested,
} as const;

/**
 * Single-use, expiring tokens mailed to users. Only the hash is stored; the token itself
 * leaves the service once, in the delivery event (and, in development only, in a log line
 * with the link, so a developer can click through without a mail server).
 */
@Injectable()
export class AccountTokensService {
  private readonly logger = new Logger(AccountTokensService.name);

  constructor(
    private readonly tokens: AccountTokensRepository,
    private readonly events: EventPublisher,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /**
   * In the caller's transaction: a new token that replaces the user's previous ones of that
   * purpose, handed to delivery through the outbox (the event carries the token to mail).
   */
  async send(user: { id: string; email: string }, purpose: AccountTokenPurpose): Promise<IssuedAccountToken> {
    await this.tokens.supersede(user.id, purpose);
    const token = newOpaqueToken();
    const ttlSeconds =
      purpose === 'password_reset'
        ? this.config.PASSWORD_RESET_TTL_SECONDS
        : this.config.EMAIL_VERIFICATION_TTL_SECONDS;
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    await this.tokens.create({
      userId: user.id,
      purpose,
      tokenHash: hashToken(token),
      email: user.email,
      expiresAt,
    });
    await this.events.publish(DELIVERY_EVENTS[purpose], {
      aggregateId: user.id,
      data: { userId: user.id, email: user.email, token, expiresAt: expiresAt.toISOString() },
    });
    if (this.config.NODE_ENV === 'development') {
      const link = `${this.config.PUBLIC_APP_URL.replace(/\/$/, '')}${LINK_PATHS[purpose]}?token=${token}`;
      afterCommit(() => this.logger.log(`Development only, ${purpose} link for user ${user.id}: ${link}`));
    }
    return { token, expiresAt };
  }

  /** Uses a token or fails naming the field; a used, expired, superseded or unknown token all read the same. */
  async consume(token: string, purpose: AccountTokenPurpose): Promise<{ userId: string; email: string }> {
    const consumed = await this.tokens.consume(hashToken(token), purpose);
    if (!consumed) throw invalidAccountToken();
    return consumed;
  }

  /** Within the mail cooldown a new token is not sent (stops mail bombing through the public endpoints). */
  recentlyIssued(userId: string, purpose: AccountTokenPurpose): Promise<boolean> {
    return this.tokens.issuedWithin(userId, purpose, this.config.ACCOUNT_MAIL_COOLDOWN_SECONDS);
  }

  supersede(userId: string, purpose: AccountTokenPurpose): Promise<void> {
    return this.tokens.supersede(userId, purpose);
  }
}

export function invalidAccountToken(): ValidationError {
  return new ValidationError('The link is invalid, was already used or has expired', {
    details: [{ field: 'token', message: 'is invalid, already used or expired' }],
  });
}
