import { hkdfSync } from 'node:crypto';

/**
 * The keys identity derives from its one configured secret (IDENTITY_KEY_ENCRYPTION_SECRET),
 * one per purpose (HKDF-SHA256 with a purpose label), so that no key serves two purposes
 * and every replica derives the same ones.
 */
export class ServerSecrets {
  /** AES-256-GCM key that wraps the private signing keys stored in the database. */
  readonly keyEncryptionKey: Buffer;
  /** Keys that may have wrapped stored keys: the current one first, then the previous secret's. */
  readonly decryptionKeys: readonly Buffer[];
  /** HMAC-SHA256 key that derives a refresh token's successor from it (see refresh-tokens.ts). */
  readonly refreshSuccessorKey: Buffer;

  constructor(secret: string, previousSecret?: string) {
    this.keyEncryptionKey = derive(secret, 'identity/signing-key-encryption/v1');
    this.decryptionKeys = previousSecret
      ? [this.keyEncryptionKey, derive(previousSecret, 'identity/signing-key-encryption/v1')]
      : [this.keyEncryptionKey];
    this.refreshSuccessorKey = derive(secret, 'identity/refresh-token-successor/v1');
  }
}

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), purpose, 32));
}
