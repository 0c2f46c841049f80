import { randomBytes } from 'node:crypto';
import { type Algorithm, hash, parseOptions, verify } from '@node-rs/argon2';

/**
 * argon2id cost parameters. The defaults are OWASP's first recommendation for argon2id
 * (19 MiB, 2 passes, 1 lane): about 30–60 ms per hash on a server core.
 */
export interface PasswordHashingParams {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over the memory. */
  timeCost: number;
  /** Lanes. */
  parallelism: number;
}

export const DEFAULT_PASSWORD_HASHING: PasswordHashingParams = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export interface PasswordCheck {
  valid: boolean;
  /** The hash was made with other parameters than today's: store a fresh one while the password is at hand. */
  needsRehash: boolean;
}

// `Algorithm` is a `declare const enum` whose runtime object is empty: swc (tests) cannot
// inline it, so the value is spelled out (2 = Argon2id in the napi binding).
const ARGON2ID = 2 as Algorithm;

/**
 * Hashes and verifies passwords with argon2id (PHC string format, salt inside). The hash
 * records its own parameters, so raising the cost later needs no migration: a user's hash
 * is upgraded at their next successful sign-in.
 */
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(private readonly params: PasswordHashingParams = DEFAULT_PASSWORD_HASHING) {}

  hash(password: string): Promise<string> {
    return hash(password, { ...this.params, algorithm: ARGON2ID });
  }

  async verify(passwordHash: string, password: string): Promise<PasswordCheck> {
    let valid: boolean;
    try {
      valid = await verify(passwordHash, password);
    } catch {
      // A malformed stored hash is a failed check, never an exception that tells the caller more.
      return { valid: false, needsRehash: false };
    }
    return { valid, needsRehash: valid && this.needsRehash(passwordHash) };
  }

  /**
   * Spends the same work as a real check, for a sign-in to an account that does not
   * exist: the answer and its timing must not tell an attacker which emails have accounts.
   */
  async verifyAgainstDummy(password: string): Promise<void> {
    this.dummyHash ??= this.hash(randomBytes(24).toString('base64url'));
    await this.verify(await this.dummyHash, password);
  }

  needsRehash(passwordHash: string): boolean {
    try {
      const options = parseOptions(passwordHash);
      return (
        options.algorithm !== ARGON2ID ||
        options.memoryCost !== this.params.memoryCost ||
        options.timeCost !== this.params.timeCost ||
        options.parallelism !== this.params.parallelism
      );
    } catch {
      return true;
    }
  }
}
