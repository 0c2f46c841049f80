import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, RequestContext, UnauthenticatedError, newId } from '@platform/common';
import { type SessionView } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { SecurityAuditLog } from '../audit/security-audit-log';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { hashToken, newOpaqueToken } from '../crypto/opaque-token';
import { ServerSecrets } from '../crypto/server-secrets';
import { successorToken } from './refresh-token-chain';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { type SessionRevokeReason } from './session.entity';
import { SessionsRepository } from './sessions.repository';

export interface SessionGrant {
  sessionId: string;
  userId: string;
  refreshToken: string;
}

const invalidToken = (message: string): UnauthenticatedError =>
  new UnauthenticatedError(message, { code: 'INVALID_TOKEN' });

/**
 * Sessions and their refresh-token families: start one at sign-in, rotate its token on
 * every refresh, detect reuse of a rotated token (which revokes the family), end them.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly tokens: RefreshTokensRepository,
    private readonly audit: SecurityAuditLog,
    private readonly secrets: ServerSecrets,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** Opens a session in the caller's transaction and returns its first refresh token. */
  async start(userId: string): Promise<SessionGrant> {
    const now = Date.now();
    const context = RequestContext.current();
    const session = await this.sessions.create({
      userId,
      lastUsedAt: new Date(now),
      expiresAt: new Date(now + this.config.SESSION_MAX_AGE_SECONDS * 1000),
      ip: context?.clientIp?.slice(0, 64) ?? null,
      userAgent: context?.userAgent?.slice(0, 256) ?? null,
    });
    const refreshToken = newOpaqueToken();
    await this.tokens.create({
      sessionId: session.id,
      tokenHash: hashToken(refreshToken),
      parentId: null,
      expiresAt: new Date(now + this.config.REFRESH_TOKEN_IDLE_TTL_SECONDS * 1000),
    });
    return { sessionId: session.id, userId, refreshToken };
  }

  /** Exchanges a refresh token for its successor; see refresh-token-chain.ts for the grace window. */
  async refresh(presented: string): Promise<SessionGrant> {
    const successor = successorToken(presented, this.secrets.refreshSuccessorKey);
    const context = RequestContext.current();
    const rotated = await this.tokens.rotate({
      presentedHash: hashToken(presented),
      successorId: newId(),
      successorHash: hashToken(successor),
      idleTtlSeconds: this.config.REFRESH_TOKEN_IDLE_TTL_SECONDS,
      ip: context?.clientIp?.slice(0, 64) ?? null,
      userAgent: context?.userAgent?.slice(0, 256) ?? null,
    });
    if (rotated) return { ...rotated, refreshToken: successor };
    return this.explainFailedRotation(presented, successor);
  }

  private async explainFailedRotation(presented: string, successor: string): Promise<SessionGrant> {
    const state = await this.tokens.stateOf(hashToken(presented), this.config.REFRESH_REUSE_GRACE_SECONDS);
    if (!state) throw invalidToken('The refresh token is not valid');
    if (state.sessionRevoked) throw invalidToken('This session has ended; sign in again');
    if (!state.isRotated || state.sessionExpired) {
      throw new UnauthenticatedError('The refresh token has expired; sign in again', {
        code: 'TOKEN_EXPIRED',
      });
    }
    const isImmediatePredecessor = state.successorIsCurrent && state.successorHash === hashToken(successor);
    if (state.isWithinGrace && isImmediatePredecessor) {
      // A parallel request (another tab) with the token just rotated: same successor, no new family member.
      await this.sessions.touch(state.sessionId, null, null);
      return { sessionId: state.sessionId, userId: state.userId, refreshToken: successor };
    }
    await runInTransaction(async () => {
      const revoked = await this.sessions.revoke(state.sessionId, 'token_reuse');
      if (revoked) {
        await this.audit.record('token.reuse_detected', {
          userId: state.userId,
          details: { sessionId: state.sessionId, refreshTokenId: state.tokenId },
        });
      }
    });
    throw new UnauthenticatedError('This refresh token was already used; the session has been revoked', {
      code: 'TOKEN_REUSED',
    });
  }

  /** Logout: ends the session the token belongs to, whichever of its tokens it is. Unknown tokens are ignored. */
  async endByToken(presented: string): Promise<void> {
    const sessionId = await this.tokens.sessionIdOf(hashToken(presented));
    if (!sessionId) return;
    await runInTransaction(async () => {
      const session = await this.sessions.findById(sessionId);
      if (session && (await this.sessions.revoke(sessionId, 'logout'))) {
        await this.audit.record('logout', { userId: session.userId, details: { sessionId } });
      }
    });
  }

  /** A user ends one of their own sessions; someone else's, or an unknown one, is NOT_FOUND. */
  async revokeOwn(userId: string, sessionId: string): Promise<void> {
    await runInTransaction(async () => {
      const session = await this.sessions.findById(sessionId);
      if (!session || session.userId !== userId) throw NotFoundError.forEntity('Session', sessionId);
      if (await this.sessions.revoke(sessionId, 'revoked_by_user')) {
        await this.audit.record('session.revoked', {
          userId,
          details: { sessionId, reason: 'revoked_by_user' },
        });
      }
    });
  }

  /** In the caller's transaction: ends every session of a user (password reset, disable, delete). */
  revokeAllOfUser(userId: string, reason: SessionRevokeReason): Promise<string[]> {
    return this.sessions.revokeAllOfUser(userId, reason);
  }

  async list(userId: string): Promise<SessionView[]> {
    const sessions = await this.sessions.listLive(userId);
    return sessions.map((session) => ({
      id: session.id,
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      userAgent: session.userAgent,
      ip: session.ip,
    }));
  }
}
