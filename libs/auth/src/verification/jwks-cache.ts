import { type LoggerService } from '@nestjs/common';
import { UnavailableError } from '@platform/common';
import { type JSONWebKeySet, type JWK, type JWTVerifyGetKey, createLocalJWKSet } from 'jose';
import { ACCESS_TOKEN_ALGORITHM } from '../access-token';

export interface JwksCacheOptions {
  /** Identity's current public keys (over request/reply in the gateway). */
  fetchJwks: () => Promise<JSONWebKeySet>;
  /** Known keys are refetched once older than this: rotation adds keys, retirement removes them. Default 5 min. */
  cacheMaxAgeMs?: number;
  /**
   * Least time between two fetches caused by an unknown `kid`. A token signed by a key
   * identity just rotated in triggers one refetch; a flood of made-up kids cannot turn
   * into a flood of requests to identity. Default 10 s.
   */
  unknownKidCooldownMs?: number;
  /** After a failed fetch, the least time before the next attempt. Default 1 s. */
  failureBackoffMs?: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

interface KeySet {
  kids: ReadonlySet<string>;
  resolve: JWTVerifyGetKey;
  fetchedAt: number;
}

/** Keys usable to verify our tokens: P-256 signing keys with a kid; anything else in the set is ignored. */
function usable(key: JWK): boolean {
  return (
    typeof key.kid === 'string' &&
    key.kty === 'EC' &&
    key.crv === 'P-256' &&
    (key.alg === undefined || key.alg === ACCESS_TOKEN_ALGORITHM) &&
    (key.use === undefined || key.use === 'sig')
  );
}

/**
 * identity's JWKS, cached. One fetch at a time (concurrent callers share it); when a
 * refresh fails the known keys stay in use (an identity restart must not sign everyone
 * out) and the failure is logged; with no keys at all the caller hears UNAVAILABLE (503),
 * not "invalid token", so clients retry instead of discarding their session.
 */
export class JwksCache {
  private current?: KeySet;
  private inflight?: Promise<void>;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastAttemptFailed = false;
  private readonly now: () => number;

  constructor(
    private readonly options: JwksCacheOptions,
    private readonly logger: LoggerService,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The key set if it holds `kid` (after at most one refetch), else undefined. */
  async keySetWith(kid: string): Promise<JWTVerifyGetKey | undefined> {
    if (!this.current || this.isStale(this.current)) await this.refresh();
    if (!this.current) {
      throw new UnavailableError('Access tokens cannot be verified right now; try again shortly', {
        details: { service: 'identity', retryAfterSeconds: 1 },
      });
    }
    if (!this.current.kids.has(kid) && this.sinceLastAttempt() >= this.cooldownMs()) {
      await this.refresh();
    }
    return this.current.kids.has(kid) ? this.current.resolve : undefined;
  }

  private isStale(keySet: KeySet): boolean {
    return this.now() - keySet.fetchedAt >= (this.options.cacheMaxAgeMs ?? 5 * 60_000);
  }

  private cooldownMs(): number {
    return this.options.unknownKidCooldownMs ?? 10_000;
  }

  private sinceLastAttempt(): number {
    return this.now() - this.lastAttemptAt;
  }

  private refresh(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.lastAttemptFailed && this.sinceLastAttempt() < (this.options.failureBackoffMs ?? 1_000)) {
      return Promise.resolve();
    }
    this.lastAttemptAt = this.now();
    this.inflight = this.fetch().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetch(): Promise<void> {
    try {
      const jwks = await this.options.fetchJwks();
      const keys = Array.isArray(jwks?.keys) ? jwks.keys.filter(usable) : [];
      if (keys.length === 0) throw new Error('the JWKS holds no ES256 signing key with a kid');
      this.current = {
        kids: new Set(keys.map((key) => key.kid as string)),
        resolve: createLocalJWKSet({ keys }),
        fetchedAt: this.now(),
      };
      this.lastAttemptFailed = false;
    } catch (error) {
      this.lastAttemptFailed = true;
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        this.current
          ? `Refreshing the JWKS failed (${reason}); still verifying with the ${this.current.kids.size} known keys`
          : `Fetching the JWKS failed (${reason}); access tokens cannot be verified until it succeeds`,
      );
    }
  }
}
