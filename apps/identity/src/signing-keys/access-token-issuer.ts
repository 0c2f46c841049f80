import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_ALGORITHM, type AccessTokenClaims } from '@platform/auth';
import { type Role, newId } from '@platform/common';
import { SignJWT } from 'jose';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { SigningKeysService } from './signing-keys.service';

export interface AccessTokenSubject {
  userId: string;
  roles: readonly Role[];
  sessionId: string;
}

export interface IssuedAccessToken {
  accessToken: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

/** Signs the short-lived access tokens the gateway verifies (claims: libs/auth AccessTokenClaims). */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly keys: SigningKeysService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async issue(subject: AccessTokenSubject): Promise<IssuedAccessToken> {
    const { kid, privateKey } = await this.keys.signingKey();
    const iat = Math.floor(Date.now() / 1000);
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const claims: Pick<AccessTokenClaims, 'roles' | 'sid'> = {
      roles: [...subject.roles],
      sid: subject.sessionId,
    };
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid, typ: 'JWT' })
      .setSubject(subject.userId)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + expiresIn)
      .setJti(newId())
      .sign(privateKey);
    return { accessToken, expiresIn };
  }
}
