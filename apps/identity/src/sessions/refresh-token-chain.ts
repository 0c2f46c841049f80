import { createHmac } from 'node:crypto';

/**
 * The successor of a refresh token is not random: it is HMAC-SHA256(server secret,
 * predecessor). Why: within the reuse grace window, a second request with the immediate
 * predecessor (a parallel tab) must receive the *same* successor as the first, but the
 * database keeps only hashes, so the successor cannot be read back. Deriving it lets the
 * service recompute it from the token the client presents, with nothing secret stored.
 * Without the server secret the chain cannot be followed, and the first token of every
 * session is random, so chains never repeat.
 */
export function successorToken(predecessor: string, key: Buffer): string {
  return createHmac('sha256', key).update(predecessor, 'utf8').digest('base64url');
}
