import { type KeyObject, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { type JsonWebKeyView } from '@platform/contracts';
import { decryptPrivateKey, encryptPrivateKey } from '../crypto/key-encryption';
import { type PublicEcJwk, type SigningKey } from './signing-key.entity';

/** A fresh P-256 key pair (ES256): the public half as a JWK, the private half sealed for storage. */
export function generateSigningKeyMaterial(
  keyId: string,
  kek: Buffer,
): { publicJwk: PublicEcJwk; privateKeyEncrypted: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y)
    throw new Error('Unexpected EC key export');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return {
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    privateKeyEncrypted: encryptPrivateKey(pem, kek, keyId),
  };
}

export function unsealPrivateKey(key: SigningKey, keks: readonly Buffer[]): KeyObject {
  return createPrivateKey(decryptPrivateKey(key.privateKeyEncrypted, keks, key.id));
}

export function toJwk(key: SigningKey): JsonWebKeyView {
  return { ...key.publicJwk, kid: key.id, alg: key.algorithm, use: 'sig' };
}

/** The key that signs at `at`: the latest activated one that is not retired yet. */
export function signingKeyAt(keys: readonly SigningKey[], at: Date): SigningKey | undefined {
  return keys
    .filter((key) => key.activatesAt <= at && (!key.retiredAt || key.retiredAt > at))
    .sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime())[0];
}
