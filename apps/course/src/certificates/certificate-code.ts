import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 26;

/**
 * 128 bits from the OS's CSPRNG, as 26 base32 characters. Unguessable (unlike the
 * time-ordered UUIDv7 ids), so the public verification page cannot be enumerated; at 2^-128
 * per pair a collision is not worth a retry loop, and the unique constraint would catch one.
 */
export function newCertificateCode(): string {
  let value = BigInt(`0x${randomBytes(16).toString('hex')}`);
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) {
    code = ALPHABET[Number(value & 31n)] + code;
    value >>= 5n;
  }
  return code;
}
