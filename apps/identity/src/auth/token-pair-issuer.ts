import { Injectable } from '@nestjs/common';
import { type Role } from '@platform/common';
import { type TokenPairView } from '@platform/contracts';
import { type SessionGrant } from '../sessions/sessions.service';
import { AccessTokenIssuer } from '../signing-keys/access-token-issuer';

/** An access token for a session, paired with the session's current refresh token. */
@Injectable()
export class TokenPairIssuer {
  constructor(private readonly accessTokens: AccessTokenIssuer) {}

  async issue(grant: SessionGrant, roles: readonly Role[]): Promise<TokenPairView> {
    const { accessToken, expiresIn } = await this.accessTokens.issue({
      userId: grant.userId,
      roles,
      sessionId: grant.sessionId,
    });
    return { accessToken, refreshToken: grant.refreshToken, expiresIn };
  }
}
