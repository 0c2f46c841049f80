import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: refresh, email verification and password reset tokens. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of an opaque token. A fast hash is enough here (unlike for
 * passwords): the token has 256 bits of entropy, so there is nothing to brute-force, and a
 * leaked table gives no usable token.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
