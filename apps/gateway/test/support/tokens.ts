import { DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER } from '@platform/auth';
import { type Role, newId } from '@platform/common';
import { type JsonWebKeyView } from '@platform/contracts';
import { type KeyLike, SignJWT, base64url, exportJWK, exportSPKI, generateKeyPair } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JsonWebKeyView;
}

/** A real ES256 key pair, as identity would hold one. */
export async function createSigningKey(kid = `k-${newId()}`): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' },
  };
}

export interface TokenOptions {
  userId?: string;
  roles?: Role[];
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  kid?: string;
  /** Extra or overriding claims. */
  claims?: Record<string, unknown>;
}

/** Signs access tokens the way identity does (ES256, kid, the AccessTokenClaims contract). */
export async function signAccessToken(key: SigningKey, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1_000);
  const expiresIn = options.expiresIn ?? 900;
  return new SignJWT({
    roles: options.roles ?? ['student'],
    sid: newId(),
    ...options.claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? key.kid, typ: 'JWT' })
    .setSubject(options.userId ?? newId())
    .setIssuer(options.issuer ?? DEFAULT_TOKEN_ISSUER)
    .setAudience(options.audience ?? DEFAULT_TOKEN_AUDIENCE)
    .setIssuedAt(Math.min(now, now + expiresIn - 60))
    .setExpirationTime(now + expiresIn)
    .setJti(newId())
    .sign(key.privateKey);
}

const encodeJson = (value: unknown): string => base64url.encode(JSON.stringify(value));

/** The token with its payload swapped for another, the original signature kept. */
export function tamperPayload(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
  return [header, encodeJson({ ...claims, ...change }), signature].join('.');
}

/** An unsecured JWT (`alg: none`) with otherwise valid claims. */
export function unsignedToken(validToken: string, kid: string): string {
  const [, payload] = validToken.split('.') as [string, string];
  return [encodeJson({ alg: 'none', kid, typ: 'JWT' }), payload, ''].join('.');
}

/** The classic confusion attack: HS256 "signed" with the published public key as the HMAC secret. */
export async function hs256WithPublicKey(key: SigningKey, options: TokenOptions = {}): Promise<string> {
  const secret = new TextEncoder().encode(await exportSPKI(key.publicKey));
  const now = Math.floor(Date.now() / 1_000);
  return new SignJWT({ roles: options.roles ?? ['admin'], sid: newId() })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject(options.userId ?? newId())
    .setIssuer(DEFAULT_TOKEN_ISSUER)
    .setAudience(DEFAULT_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 900)
    .setJti(newId())
    .sign(secret);
}
