import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 'v1';

/**
 * Wraps a private key with AES-256-GCM for storage. The key id is bound as additional
 * authenticated data, so a ciphertext copied onto another key's row fails to decrypt
 * instead of silently signing under the wrong `kid`.
 */
export function encryptPrivateKey(plaintext: string, kek: Buffer, keyId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext].map(encode).join('.');
}

export class KeyDecryptionError extends Error {
  constructor(keyId: string) {
    super(
      `Signing key ${keyId} cannot be decrypted: IDENTITY_KEY_ENCRYPTION_SECRET differs from the one it was stored with`,
    );
    this.name = 'KeyDecryptionError';
  }
}

/** Decrypts with the first of `keks` that opens it (the current secret, then the previous one). */
export function decryptPrivateKey(stored: string, keks: readonly Buffer[], keyId: string): string {
  const [format, iv, tag, ciphertext] = stored.split('.');
  if (format !== FORMAT || !iv || !tag || !ciphertext) throw new KeyDecryptionError(keyId);
  for (const kek of keks) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // Not this key; try the next.
    }
  }
  throw new KeyDecryptionError(keyId);
}

function encode(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}
