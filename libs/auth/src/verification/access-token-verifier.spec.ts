import { UnauthenticatedError, UnavailableError, newId } from '@platform/common';
import { type JSONWebKeySet, type JWK, type KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { bearerToken } from '../http/access-token.guard';
import { AccessTokenVerifier, type AccessTokenVerifierOptions } from './access-token-verifier';

const ISSUER = 'test-issuer';
const AUDIENCE = 'test-api';

interface Key {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

async function makeKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

async function sign(key: Key, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ roles: ['student'], sid: newId(), ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setSubject(newId())
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(newId())
    .sign(key.privateKey);
}

/** The JWKS source stands in for identity over NATS: a function returning the published keys. */
function setup(options: Partial<AccessTokenVerifierOptions> = {}) {
  const clock = { now: 1_000_000 };
  const source = { keys: [] as Key[], calls: 0, fail: false };
  const verifier = new AccessTokenVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    unknownKidCooldownMs: 10_000,
    cacheMaxAgeMs: 60_000,
    failureBackoffMs: 1_000,
    now: () => clock.now,
    fetchJwks: async (): Promise<JSONWebKeySet> => {
      source.calls += 1;
      await Promise.resolve();
      if (source.fail) throw new Error('no responders');
      return { keys: source.keys.map((key) => key.jwk) };
    },
    ...options,
  });
  return { clock, source, verifier };
}

const reasonOf = async (promise: Promise<unknown>): Promise<unknown> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  return (error as UnauthenticatedError).details;
};

describe('AccessTokenVerifier', () => {
  it('returns the caller of a valid token', async () => {
    const { source, verifier } = setup();
    const key = await makeKey('k1');
    source.keys = [key];
    const token = await sign(key, { roles: ['instructor', 'instructor'] });
    const caller = await verifier.verify(token);
    expect(caller.roles).toEqual(['instructor']);
    expect(caller.sessionId).toEqual(expect.any(String));
  });

  it('fetches once for many concurrent first requests', async () => {
    const { source, verifier } = setup();
    const key = await makeKey('k1');
    source.keys = [key];
    const token = await sign(key);
    await Promise.all(Array.from({ length: 10 }, () => verifier.verify(token)));
    expect(source.calls).toBe(1);
  });

  it('refetches on an unknown kid at most once per cooldown', async () => {
    const { clock, source, verifier } = setup();
    const known = await makeKey('k1');
    const rotated = await makeKey('k2');
    source.keys = [known];
    await verifier.verify(await sign(known));
    clock.now += 10_000;

    const stranger = await sign(rotated);
    expect(await reasonOf(verifier.verify(stranger))).toEqual({ reason: 'unknown_key' });
    expect(source.calls).toBe(2);
    source.keys = [rotated, known];
    // Within the cooldown no fetch happens, even though the key is now published.
    expect(await reasonOf(verifier.verify(stranger))).toEqual({ reason: 'unknown_key' });
    expect(source.calls).toBe(2);
    clock.now += 10_000;
    await expect(verifier.verify(stranger)).resolves.toMatchObject({ roles: ['student'] });
    expect(source.calls).toBe(3);
  });

  it('keeps verifying with known keys when a refresh fails, and drops retired keys when one succeeds', async () => {
    const { clock, source, verifier } = setup();
    const key = await makeKey('k1');
    source.keys = [key];
    const token = await sign(key);
    await verifier.verify(token);
    clock.now += 61_000; // stale
    source.fail = true;
    await expect(verifier.verify(token)).resolves.toBeDefined();
    expect(source.calls).toBe(2);
    source.fail = false;
    source.keys = [await makeKey('k9')];
    clock.now += 1_000;
    expect(await reasonOf(verifier.verify(token))).toEqual({ reason: 'unknown_key' });
  });

  it('is UNAVAILABLE, not "invalid", while no key set could ever be fetched; retries after the backoff', async () => {
    const { clock, source, verifier } = setup();
    const key = await makeKey('k1');
    const token = await sign(key);
    source.fail = true;
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnavailableError);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnavailableError);
    expect(source.calls).toBe(1); // within the failure backoff
    source.fail = false;
    source.keys = [key];
    clock.now += 1_000;
    await expect(verifier.verify(token)).resolves.toBeDefined();
  });

  it('ignores keys it must not use (wrong curve or type, no kid, encryption keys)', async () => {
    const { source, verifier } = setup();
    const key = await makeKey('k1');
    source.keys = [{ ...key, jwk: { ...key.jwk, use: 'enc' } }];
    await expect(verifier.verify(await sign(key))).rejects.toBeInstanceOf(UnavailableError);
  });

  it('names why a token was refused', async () => {
    const { source, verifier } = setup();
    const key = await makeKey('k1');
    source.keys = [key];
    expect(await reasonOf(verifier.verify(''))).toEqual({ reason: 'missing' });
    expect(await reasonOf(verifier.verify('x'.repeat(5_000)))).toEqual({ reason: 'malformed' });
    expect(await reasonOf(verifier.verify('a.b.c'))).toEqual({ reason: 'malformed' });
    const noKid = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(key.privateKey);
    expect(await reasonOf(verifier.verify(noKid))).toEqual({ reason: 'unknown_key' });
    const noJti = await new SignJWT({ roles: [], sid: 's' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject(newId())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key.privateKey);
    expect(await reasonOf(verifier.verify(noJti))).toEqual({ reason: 'claims' });
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header, any scheme case', () => {
    expect(bearerToken('Bearer abc.def-ghi_jkl')).toBe('abc.def-ghi_jkl');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('  ')).toBeUndefined();
  });

  it('refuses anything else as malformed', () => {
    for (const header of ['Basic abc', 'Bearer', 'Bearer a b', 'Bearerabc', 'Bearer <script>']) {
      expect(() => bearerToken(header)).toThrow(UnauthenticatedError);
    }
  });
});
