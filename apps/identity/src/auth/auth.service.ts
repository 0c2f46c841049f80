import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '@platform/auth';
import { UnauthenticatedError } from '@platform/common';
import {
  type AuthResultView,
  type LoginRequest,
  type RegisterRequest,
  type TokenPairView,
} from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { SecurityAuditLog } from '../audit/security-audit-log';
import { EmailVerificationService } from '../email-verification/email-verification.service';
import { SessionsService } from '../sessions/sessions.service';
import { toUserView } from '../users/user.views';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { CredentialsVerifier } from './credentials-verifier';
import { TokenPairIssuer } from './token-pair-issuer';

/** Registration, sign-in, refresh and sign-out. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly credentials: CredentialsVerifier,
    private readonly sessions: SessionsService,
    private readonly verification: EmailVerificationService,
    private readonly tokenPairs: TokenPairIssuer,
    private readonly audit: SecurityAuditLog,
  ) {}

  /** A new account (never admin: the DTO allows student or instructor only), signed in at once. */
  async register(request: RegisterRequest): Promise<AuthResultView> {
    // Hash before the transaction: argon2 is the slow part and holds no lock.
    const passwordHash = await this.hasher.hash(request.password);
    const { user, grant } = await runInTransaction(async () => {
      const created = await this.accounts.createAccount({
        email: request.email,
        passwordHash,
        name: request.name,
        roles: [request.role ?? 'student'],
      });
      await this.verification.send(created);
      const session = await this.sessions.start(created.id);
      await this.audit.record('login.succeeded', {
        userId: created.id,
        details: { sessionId: session.sessionId, via: 'registration' },
      });
      return { user: created, grant: session };
    });
    return { user: toUserView(user), ...(await this.tokenPairs.issue(grant, user.roles)) };
  }

  async login(request: LoginRequest): Promise<AuthResultView> {
    const found = await this.users.findLiveByEmail(request.email);
    const { user, rehashed } = await this.credentials.verify(found, request.password, request.email);
    const grant = await runInTransaction(async () => {
      if (!(await this.users.recordSuccessfulLogin(user.id, rehashed))) return null;
      const session = await this.sessions.start(user.id);
      await this.audit.record('login.succeeded', {
        userId: user.id,
        details: { sessionId: session.sessionId, rehashed: rehashed !== null },
      });
      return session;
    });
    if (!grant) throw await this.credentials.refusal(user.id);
    const signedIn = await this.users.getById(user.id);
    return { user: toUserView(signedIn), ...(await this.tokenPairs.issue(grant, signedIn.roles)) };
  }

  /** A new access token and the session's next refresh token; roles are read afresh. */
  async refresh(refreshToken: string): Promise<TokenPairView> {
    const grant = await this.sessions.refresh(refreshToken);
    const user = await this.users.findById(grant.userId);
    if (!user || user.status === 'disabled') {
      // Disabling and deleting revoke sessions; this covers a refresh racing with them.
      throw new UnauthenticatedError('This session has ended; sign in again', { code: 'INVALID_TOKEN' });
    }
    return this.tokenPairs.issue(grant, user.roles);
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.endByToken(refreshToken);
  }
}
