import { ACCESS_TOKEN_ALGORITHM, DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER } from '@platform/auth';
import { IdentityPatterns } from '@platform/contracts';
import { type JWTPayload, createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { SecurityAuditLog } from '../src/audit/security-audit-log';
import { decryptPrivateKey } from '../src/crypto/key-encryption';
import { ServerSecrets } from '../src/crypto/server-secrets';
import { SigningKeysRepository } from '../src/signing-keys/signing-keys.repository';
import { SigningKeysService } from '../src/signing-keys/signing-keys.service';
import { IdentityHarness } from './support/identity-harness';

let identity: IdentityHarness;
let keys: SigningKeysService;

beforeAll(async () => {
  identity = await IdentityHarness.start('identity_signing_keys', {
    SIGNING_KEY_PUBLISH_AHEAD_SECONDS: '300',
  });
  keys = identity.app.get(SigningKeysService);
});

afterAll(async () => {
  await identity?.close();
});

/** Verifies an access token the way the gateway does: against the JWKS identity serves. */
async function verify(accessToken: string): Promise<JWTPayload> {
  const jwks = await identity.send(IdentityPatterns.jwks, {});
  const { payload } = await jwtVerify(accessToken, createLocalJWKSet(jwks), {
    issuer: DEFAULT_TOKEN_ISSUER,
    audience: DEFAULT_TOKEN_AUDIENCE,
    algorithms: [ACCESS_TOKEN_ALGORITHM],
  });
  return payload;
}

const kidOf = (token: string): string | undefined => decodeProtectedHeader(token).kid;

/** A new replica of the service on the same database: it shares the keys through it. */
function anotherReplica(secret = identity.config.keyEncryptionSecret): SigningKeysService {
  return new SigningKeysService(
    identity.app.get(SigningKeysRepository),
    identity.app.get(SecurityAuditLog),
    new ServerSecrets(secret),
    identity.config,
  );
}

describe('access tokens', () => {
  it('are ES256 JWTs with a kid that verify against the JWKS and carry the documented claims', async () => {
    const registered = await identity.register();
    const header = decodeProtectedHeader(registered.accessToken);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    const payload = await verify(registered.accessToken);
    expect(payload).toMatchObject({
      sub: registered.user.id,
      roles: ['student'],
      iss: DEFAULT_TOKEN_ISSUER,
      aud: DEFAULT_TOKEN_AUDIENCE,
      sid: expect.any(String),
      jti: expect.any(String),
    });
    expect(payload.exp! - payload.iat!).toBe(900);
    const jwks = await identity.send(IdentityPatterns.jwks, {});
    expect(jwks.keys.find((key) => key.kid === header.kid)).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: expect.any(String),
      y: expect.any(String),
      kid: header.kid,
      alg: 'ES256',
      use: 'sig',
    });
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
  });

  it('fail verification when tampered with', async () => {
    const registered = await identity.register();
    const [head, body, signature] = registered.accessToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), roles: ['admin'] }),
    ).toString('base64url');
    await expect(verify(`${head}.${forged}.${signature}`)).rejects.toBeInstanceOf(
      errors.JWSSignatureVerificationFailed,
    );
  });
});

describe('signing key storage', () => {
  it('keeps private keys encrypted with the key-encryption secret, bound to their kid', async () => {
    const rows = await identity.query<{ id: string; private_key_encrypted: string }>(
      'SELECT id, private_key_encrypted FROM signing_keys',
    );
    expect(rows.length).toBeGreaterThan(0);
    const secrets = new ServerSecrets(identity.config.keyEncryptionSecret);
    for (const row of rows) {
      expect(row.private_key_encrypted).not.toContain('PRIVATE KEY');
      expect(decryptPrivateKey(row.private_key_encrypted, secrets.decryptionKeys, row.id)).toContain(
        'BEGIN PRIVATE KEY',
      );
    }
  });

  it('refuses to sign when the secret differs from the one the keys were stored with', async () => {
    const misconfigured = anotherReplica('a completely different secret of enough length');
    await expect(misconfigured.signingKey()).rejects.toThrow(/cannot be decrypted/);
  });
});

describe('key rotation', () => {
  it('publishes the next key ahead, switches to it, and keeps verifying tokens of the old one', async () => {
    const before = await identity.register();
    const oldKid = kidOf(before.accessToken);

    const pendingKid = await keys.rotate();
    const jwks = await identity.send(IdentityPatterns.jwks, {});
    expect(jwks.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, pendingKid]));
    // Published, not signing yet: verifiers with a cached JWKS learn it before they meet it.
    expect(kidOf((await identity.register()).accessToken)).toBe(oldKid);

    const newKid = await keys.rotate({ immediate: true });
    const after = await identity.register();
    expect(kidOf(after.accessToken)).toBe(newKid);
    await expect(verify(before.accessToken)).resolves.toMatchObject({ sub: before.user.id });
    await expect(verify(after.accessToken)).resolves.toMatchObject({ sub: after.user.id });
    // Every replica signs with the same key: it follows from the stored activation times.
    expect((await anotherReplica().signingKey()).kid).toBe(newKid);

    const [retired] = await identity.query<{ lifetime: number }>(
      `SELECT extract(epoch FROM verify_until - retired_at)::int AS lifetime FROM signing_keys WHERE id = $1`,
      [oldKid],
    );
    expect(retired.lifetime).toBeGreaterThan(900); // outlives every token it signed

    await identity.query(`UPDATE signing_keys SET verify_until = now() - interval '1 second' WHERE id = $1`, [
      oldKid,
    ]);
    await keys.ensureKeys(); // drops the local cache
    await expect(verify(before.accessToken)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
  });

  it('withdraws the previous keys at once for a compromised key', async () => {
    const before = await identity.register();
    await keys.rotate({ immediate: true, withdrawPrevious: true });
    const jwks = await identity.send(IdentityPatterns.jwks, {});
    expect(jwks.keys).toHaveLength(1);
    await expect(verify(before.accessToken)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
  });

  it('rotates by itself when the signing key is older than the rotation period', async () => {
    await identity.query(
      `UPDATE signing_keys SET activates_at = activates_at - interval '400 days', created_at = created_at - interval '400 days'`,
    );
    await identity.query(
      `UPDATE signing_keys SET retired_at = retired_at - interval '400 days' WHERE retired_at IS NOT NULL`,
    );
    await keys.ensureKeys();
    const [pending] = await identity.query<{ ahead: number }>(
      `SELECT round(extract(epoch FROM activates_at - now()))::int AS ahead FROM signing_keys WHERE activates_at > now()`,
    );
    expect(pending.ahead).toBeGreaterThan(250);
    expect(pending.ahead).toBeLessThanOrEqual(300);
    await keys.ensureKeys(); // idempotent: the pending key is the newest, nothing more to do
    expect(await identity.query(`SELECT id FROM signing_keys WHERE activates_at > now()`)).toHaveLength(1);
  });
});
