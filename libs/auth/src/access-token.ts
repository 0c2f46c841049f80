import { type Role } from '@platform/common';

/**
 * The claims of an access token, as identity signs them and the gateway verifies them.
 * Signed with ES256 by a key named in the header's `kid`; public keys are served as JWKS.
 */
export interface AccessTokenClaims {
  /** The user id (UUIDv7). */
  sub: string;
  roles: Role[];
  /** The session (refresh-token family) the token was issued for, so a revoked session can be told apart. */
  sid: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
}

export const ACCESS_TOKEN_ALGORITHM = 'ES256';
export const DEFAULT_TOKEN_ISSUER = 'learning-platform-identity';
export const DEFAULT_TOKEN_AUDIENCE = 'learning-platform-api';
