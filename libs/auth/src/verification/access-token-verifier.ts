import { Logger } from '@nestjs/common';
import { ROLES, type Role, UnauthenticatedError, isUuid } from '@platform/common';
import { type JWTPayload, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { ACCESS_TOKEN_ALGORITHM } from '../access-token';
import { JwksCache, type JwksCacheOptions } from './jwks-cache';

/** What the gateway knows about the caller once the token verified. */
export interface VerifiedAccessToken {
  readonly userId: string;
  readonly roles: readonly Role[];
  /** The login session (refresh-token family) the token belongs to. */
  readonly sessionId: string;
  readonly tokenId: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

export interface AccessTokenVerifierOptions extends JwksCacheOptions {
  issuer: string;
  audience: string;
  /** Accepted clock skew between identity and this process, for `exp`/`nbf`. Default 5 s. */
  clockToleranceSeconds?: number;
}

/** Why a token was refused; returned in `details.reason` so a client can tell "refresh" from "sign in again". */
export type TokenRejection =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'unknown_key'
  | 'signature'
  | 'expired'
  | 'issuer'
  | 'audience'
  | 'claims';

/** Real tokens are well under 1 KB; the cap keeps base64 decoding of garbage cheap. */
const MAX_TOKEN_LENGTH = 4_096;

export function tokenRejected(reason: TokenRejection): UnauthenticatedError {
  if (reason === 'expired') {
    return new UnauthenticatedError('The access token has expired', {
      code: 'TOKEN_EXPIRED',
      details: { reason },
    });
  }
  if (reason === 'missing') {
    return new UnauthenticatedError('Sign in to do this: send Authorization: Bearer <accessToken>', {
      details: { reason },
    });
  }
  return new UnauthenticatedError('The access token is invalid', {
    code: 'INVALID_TOKEN',
    details: { reason },
  });
}

/**
 * Verifies identity's access tokens (the contract of `AccessTokenClaims`): ES256 only — the
 * algorithm is fixed here, never taken from the token, so `alg: none` and the "HS256 signed
 * with the public key" confusion both fail — a `kid` that names one of identity's published
 * keys, issuer, audience, expiry with a small tolerance, and claims of the right shape.
 */
export class AccessTokenVerifier {
  private readonly logger = new Logger(AccessTokenVerifier.name);
  private readonly keys: JwksCache;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.keys = new JwksCache(options, this.logger);
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    if (token.length === 0) throw tokenRejected('missing');
    if (token.length > MAX_TOKEN_LENGTH) throw tokenRejected('malformed');
    const kid = this.signingKeyId(token);
    const keySet = await this.keys.keySetWith(kid);
    if (!keySet) throw tokenRejected('unknown_key');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'iat', 'exp', 'jti'],
      }));
    } catch (error) {
      throw tokenRejected(rejectionOf(error));
    }
    return claimsOf(payload);
  }

  /** The header is read only to pick the key; nothing in it is trusted before the signature checks. */
  private signingKeyId(token: string): string {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw tokenRejected('malformed');
    }
    if (header.alg !== ACCESS_TOKEN_ALGORITHM) throw tokenRejected('algorithm');
    if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 256) {
      throw tokenRejected('unknown_key');
    }
    return header.kid;
  }
}

function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'aud') return 'audience';
    return 'claims';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown_key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  return 'malformed';
}

const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** The signature proves identity wrote these claims; their shape is still checked so a contract drift fails loudly. */
function claimsOf(payload: JWTPayload): VerifiedAccessToken {
  const { sub, jti, exp } = payload;
  const roles: unknown = payload.roles;
  const sid: unknown = payload.sid;
  if (
    !isUuid(sub) ||
    typeof jti !== 'string' ||
    typeof exp !== 'number' ||
    typeof sid !== 'string' ||
    sid.length === 0 ||
    !Array.isArray(roles) ||
    !roles.every(isRole)
  ) {
    throw tokenRejected('claims');
  }
  return { userId: sub, roles: [...new Set(roles)], sessionId: sid, tokenId: jti, expiresAt: exp };
}
