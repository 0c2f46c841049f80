import { randomBytes } from 'node:crypto';
import { KeyDecryptionError, decryptPrivateKey, encryptPrivateKey } from './key-encryption';
import { ServerSecrets } from './server-secrets';

describe('private key encryption', () => {
  const kek = new ServerSecrets('x'.repeat(40)).keyEncryptionKey;

  it('round-trips and never shows the plaintext', () => {
    const sealed = encryptPrivateKey('-----BEGIN PRIVATE KEY-----abc', kek, 'kid-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(decryptPrivateKey(sealed, [kek], 'kid-1')).toBe('-----BEGIN PRIVATE KEY-----abc');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptPrivateKey('same', kek, 'k')).not.toBe(encryptPrivateKey('same', kek, 'k'));
  });

  it('fails on another secret, another kid (a ciphertext moved between rows) or tampering', () => {
    const sealed = encryptPrivateKey('secret key', kek, 'kid-1');
    expect(() => decryptPrivateKey(sealed, [randomBytes(32)], 'kid-1')).toThrow(KeyDecryptionError);
    expect(() => decryptPrivateKey(sealed, [kek], 'kid-2')).toThrow(KeyDecryptionError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptPrivateKey(parts.join('.'), [kek], 'kid-1')).toThrow(KeyDecryptionError);
    expect(() => decryptPrivateKey('garbage', [kek], 'kid-1')).toThrow(KeyDecryptionError);
  });
});

describe('changing the key-encryption secret', () => {
  it('still opens keys sealed under the previous secret while it is configured', () => {
    const old = new ServerSecrets('o'.repeat(40));
    const sealed = encryptPrivateKey('private', old.keyEncryptionKey, 'kid-9');
    const switched = new ServerSecrets('n'.repeat(40), 'o'.repeat(40));
    expect(decryptPrivateKey(sealed, switched.decryptionKeys, 'kid-9')).toBe('private');
    expect(() =>
      decryptPrivateKey(sealed, new ServerSecrets('n'.repeat(40)).decryptionKeys, 'kid-9'),
    ).toThrow(KeyDecryptionError);
  });
});

describe('ServerSecrets', () => {
  it('derives distinct, stable keys per purpose', () => {
    const a = new ServerSecrets('y'.repeat(40));
    const b = new ServerSecrets('y'.repeat(40));
    expect(a.keyEncryptionKey.equals(b.keyEncryptionKey)).toBe(true);
    expect(a.keyEncryptionKey.equals(a.refreshSuccessorKey)).toBe(false);
    expect(a.keyEncryptionKey).toHaveLength(32);
  });
});
