import { type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RequestContext, UnavailableError, newId } from '@platform/common';
import { type JwksView } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { SecurityAuditLog } from '../audit/security-audit-log';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { ServerSecrets } from '../crypto/server-secrets';
import { type SigningKey } from './signing-key.entity';
import { generateSigningKeyMaterial, signingKeyAt, toJwk, unsealPrivateKey } from './signing-key-material';
import { SigningKeysRepository } from './signing-keys.repository';

/** How long a replica trusts its copy of the key set; a pending key is announced well before this matters. */
const KEY_CACHE_MS = 30_000;
/** How often a replica checks whether the key is due for rotation. */
const ROTATION_CHECK_MS = 60 * 60 * 1000;
/** Clock differences between replicas and verifiers. */
const CLOCK_SKEW_SECONDS = 60;

export interface RotationOptions {
  /** Sign with the new key at once instead of after the publish-ahead period. */
  immediate?: boolean;
  /** Also drop the previous keys from the JWKS now: for a compromised key (their tokens stop verifying). */
  withdrawPrevious?: boolean;
}

/**
 * The access-token signing keys, shared by every replica through the database. Rotation
 * without downtime: a new key is published in the JWKS `SIGNING_KEY_PUBLISH_AHEAD_SECONDS`
 * before it starts signing (so verifiers that cache the JWKS know it first), and the old
 * key stays in the JWKS until the last token it signed has expired. Replicas agree on the
 * signing key without talking: it is a function of the stored activation times and the clock.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SigningKeysService.name);
  private cache?: { keys: SigningKey[]; freshUntil: number };
  private readonly privateKeys = new Map<string, KeyObject>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly keys: SigningKeysRepository,
    private readonly audit: SecurityAuditLog,
    private readonly secrets: ServerSecrets,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.usesDevelopmentSecret) {
      this.logger.warn(
        'IDENTITY_KEY_ENCRYPTION_SECRET is not set: signing keys are encrypted with the public development ' +
          'default. Set a random secret of 32+ characters anywhere but on a developer machine.',
      );
    }
    await this.ensureKeys();
    // Fails start when the stored key cannot be decrypted (a changed secret), instead of at the first sign-in.
    await this.signingKey();
    this.timer = setInterval(() => {
      this.ensureKeys().catch((error: unknown) =>
        this.logger.error(`Signing key rotation check failed: ${String(error)}`),
      );
    }, ROTATION_CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async signingKey(): Promise<{ kid: string; privateKey: KeyObject }> {
    let key = signingKeyAt(await this.liveKeys(), new Date());
    if (!key) {
      await this.ensureKeys();
      key = signingKeyAt(await this.liveKeys(), new Date());
    }
    if (!key) throw new UnavailableError('No signing key is available');
    let privateKey = this.privateKeys.get(key.id);
    if (!privateKey) {
      privateKey = unsealPrivateKey(key, this.secrets.decryptionKeys);
      this.privateKeys.set(key.id, privateKey);
    }
    return { kid: key.id, privateKey };
  }

  /**
   * Read fresh, not from the cache: verifiers fetch the JWKS rarely (they cache it) and
   * exactly when they meet an unknown `kid`, which may be a key another replica or the
   * CLI created seconds ago.
   */
  async jwks(): Promise<JwksView> {
    this.cache = undefined;
    const now = new Date();
    const keys = (await this.liveKeys()).filter((key) => !key.verifyUntil || key.verifyUntil > now);
    return { keys: keys.map(toJwk) };
  }

  /** Creates the first key, or the next one when the newest is older than the rotation period. */
  async ensureKeys(): Promise<void> {
    await this.inSystemContext(() =>
      runInTransaction(async () => {
        await this.keys.lockKeySet();
        const now = new Date();
        const live = await this.keys.liveKeys();
        if (!signingKeyAt(live, now)) {
          await this.createKey(now);
          return;
        }
        const newest = Math.max(...live.map((key) => key.activatesAt.getTime()));
        if (newest + this.config.SIGNING_KEY_ROTATION_SECONDS * 1000 <= now.getTime()) {
          await this.createKey(
            new Date(now.getTime() + this.config.SIGNING_KEY_PUBLISH_AHEAD_SECONDS * 1000),
          );
        }
      }),
    );
    this.cache = undefined;
  }

  /** Rotates now (operator's CLI, tests); returns the new key id. */
  async rotate(options: RotationOptions = {}): Promise<string> {
    const keyId = await this.inSystemContext(() =>
      runInTransaction(async () => {
        await this.keys.lockKeySet();
        const now = Date.now();
        const aheadMs = options.immediate ? 0 : this.config.SIGNING_KEY_PUBLISH_AHEAD_SECONDS * 1000;
        const id = await this.createKey(new Date(now + aheadMs));
        if (options.withdrawPrevious) await this.keys.withdrawAllExcept(id);
        return id;
      }),
    );
    this.cache = undefined;
    return keyId;
  }

  private async createKey(activatesAt: Date): Promise<string> {
    const id = newId();
    const material = generateSigningKeyMaterial(id, this.secrets.keyEncryptionKey);
    await this.keys.create({ id, algorithm: 'ES256', ...material, activatesAt });
    // A retired key must verify every token it may have signed: the token lifetime, plus
    // replicas that signed with it from a stale cache, plus clock skew.
    const verifySeconds = this.config.ACCESS_TOKEN_TTL_SECONDS + KEY_CACHE_MS / 1000 + CLOCK_SKEW_SECONDS;
    await this.keys.retireAllExcept(id, activatesAt, verifySeconds);
    await this.audit.record('signing_key.created', {
      details: { kid: id, activatesAt: activatesAt.toISOString() },
    });
    this.logger.log(`Created signing key ${id}, signing from ${activatesAt.toISOString()}`);
    return id;
  }

  private async liveKeys(): Promise<SigningKey[]> {
    if (!this.cache || this.cache.freshUntil <= Date.now()) {
      this.cache = { keys: await this.keys.liveKeys(), freshUntil: Date.now() + KEY_CACHE_MS };
    }
    return this.cache.keys;
  }

  private inSystemContext<T>(work: () => Promise<T>): Promise<T> {
    return RequestContext.current() ? work() : RequestContext.run(RequestContext.system(), work);
  }
}
