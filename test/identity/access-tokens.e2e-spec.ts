import { setTimeout as sleep } from 'node:timers/promises';
import { type JWK, type KeyLike, SignJWT, base64url, decodeJwt, exportSPKI, importJWK } from 'jose';
import {
  createSigningKey,
  signAccessToken,
  tamperPayload,
  unsignedToken,
} from '../../apps/gateway/test/support/tokens';
import { type Account, registerAccount } from '../support/accounts';
import { type HttpResult } from '../support/http-client';
import { E2EPlatform } from '../support/platform';

/**
 * Access tokens at the gateway, with real tokens from real identity processes wherever one
 * can be had: expired (an identity issuing 3-second tokens, the gateway with no clock
 * tolerance), wrong audience and wrong issuer (identities configured with another one), and
 * hand-forged ones for what identity never signs (tampered, alg none, HS256 confusion,
 * unknown kid). Every one is 401 and never reaches identity's data.
 */
const SHORT_TTL_SECONDS = 3;
let platform: E2EPlatform;
let shortLived: E2EPlatform;
let otherAudience: E2EPlatform;
let otherIssuer: E2EPlatform;
let account: Account;

/** Four platforms start side by side: a slow machine gets more than the default minute. */
const START_TIMEOUT_MS = 180_000;

beforeAll(async () => {
  const identityOnly = { services: ['identity' as const], gatewayEnv: { RATE_LIMIT_AUTH_MAX: '1000' } };
  const started = await Promise.allSettled([
    E2EPlatform.start({ ...identityOnly, label: 'idtokens' }),
    E2EPlatform.start({
      ...identityOnly,
      label: 'idtokensttl',
      env: { ACCESS_TOKEN_TTL_SECONDS: String(SHORT_TTL_SECONDS) },
      gatewayEnv: { ...identityOnly.gatewayEnv, JWT_CLOCK_TOLERANCE_SECONDS: '0' },
    }),
    E2EPlatform.start({ ...identityOnly, label: 'idtokensaud', env: { JWT_AUDIENCE: 'another-api' } }),
    E2EPlatform.start({
      ...identityOnly,
      label: 'idtokensiss',
      env: { JWT_ISSUER: 'https://another-issuer.example' },
    }),
  ]);
  // Those that started are kept even when another failed, so afterAll stops them all.
  [platform, shortLived, otherAudience, otherIssuer] = started.map((result) =>
    result.status === 'fulfilled' ? result.value : undefined,
  ) as E2EPlatform[];
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  account = await registerAccount(platform.http);
}, START_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all([platform, shortLived, otherAudience, otherIssuer].map((p) => p?.close()));
});

const me = (target: E2EPlatform, token: string) => target.http('GET', '/api/v1/users/me', { token });

function expectRejected(res: HttpResult, code: string, reason: string): void {
  expect({
    status: res.status,
    code: res.body?.error?.code,
    reason: res.body?.error?.details?.reason,
  }).toEqual({
    status: 401,
    code,
    reason,
  });
  expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
}

/** identity's published signing key, as a verifier gets it. */
async function publishedKey(target: E2EPlatform): Promise<JWK> {
  const jwks = await target.http('GET', '/.well-known/jwks.json');
  return jwks.body.keys[0] as JWK;
}

it('a real token of this identity passes', async () => {
  const res = await me(platform, account.accessToken);
  expect(res.status).toBe(200);
  expect(res.body.id).toBe(account.id);
});

it('expired: a real token past its expiry → 401 TOKEN_EXPIRED', async () => {
  const short = await registerAccount(shortLived.http);
  const { exp } = decodeJwt(short.accessToken);
  expect(exp! - decodeJwt(short.accessToken).iat!).toBe(SHORT_TTL_SECONDS);
  await sleep(Math.max(0, exp! * 1_000 - Date.now()) + 1_100);
  expectRejected(await me(shortLived, short.accessToken), 'TOKEN_EXPIRED', 'expired');
  // The refresh token still gets a new access token: expiry is not a sign-out.
  const refreshed = await shortLived.http('POST', '/api/v1/auth/refresh', {
    body: { refreshToken: short.refreshToken },
  });
  expect(refreshed.status).toBe(200);
  expect((await me(shortLived, String(refreshed.body.accessToken))).status).toBe(200);
});

it('wrong audience: a real token of an identity signing for another audience → 401', async () => {
  const foreign = await registerAccount(otherAudience.http);
  expect(decodeJwt(foreign.accessToken).aud).toBe('another-api');
  expectRejected(await me(otherAudience, foreign.accessToken), 'INVALID_TOKEN', 'audience');
});

it('wrong issuer: a real token of an identity calling itself something else → 401', async () => {
  const foreign = await registerAccount(otherIssuer.http);
  expect(decodeJwt(foreign.accessToken).iss).toBe('https://another-issuer.example');
  expectRejected(await me(otherIssuer, foreign.accessToken), 'INVALID_TOKEN', 'issuer');
});

it('another identity’s key (a kid this gateway never saw) → 401 unknown_key', async () => {
  const foreign = await registerAccount(otherAudience.http);
  expectRejected(await me(platform, foreign.accessToken), 'INVALID_TOKEN', 'unknown_key');
});

it('tampered: a real token with its signature or its payload changed → 401 signature; the admin route is never reached', async () => {
  const [header, payload, signature] = account.accessToken.split('.') as [string, string, string];
  const bytes = base64url.decode(signature);
  bytes[10] = (bytes[10] ?? 0) ^ 0xff;
  expectRejected(
    await me(platform, [header, payload, base64url.encode(bytes)].join('.')),
    'INVALID_TOKEN',
    'signature',
  );

  const promoted = tamperPayload(account.accessToken, { roles: ['admin'] });
  expectRejected(await me(platform, promoted), 'INVALID_TOKEN', 'signature');
  const admin = await platform.http('GET', '/api/v1/admin/users', { token: promoted });
  expect(admin.status).toBe(401);

  const someoneElse = tamperPayload(account.accessToken, { sub: (await registerAccount(platform.http)).id });
  expectRejected(await me(platform, someoneElse), 'INVALID_TOKEN', 'signature');
});

it('alg none, and HS256 "signed" with the published public key → 401 algorithm', async () => {
  const published = await publishedKey(platform);
  expectRejected(
    await me(platform, unsignedToken(account.accessToken, String(published.kid))),
    'INVALID_TOKEN',
    'algorithm',
  );
  const publicKeyPem = await exportSPKI((await importJWK(published, 'ES256')) as KeyLike);
  const claims = decodeJwt(account.accessToken);
  const confused = await new SignJWT({ ...claims, roles: ['admin'] })
    .setProtectedHeader({ alg: 'HS256', kid: String(published.kid) })
    .sign(new TextEncoder().encode(publicKeyPem));
  expectRejected(await me(platform, confused), 'INVALID_TOKEN', 'algorithm');
});

it('unknown kid: a well-formed token signed by a key identity never published → 401 unknown_key', async () => {
  const stranger = await createSigningKey('kid-nobody-published');
  expectRejected(
    await me(platform, await signAccessToken(stranger, { userId: account.id })),
    'INVALID_TOKEN',
    'unknown_key',
  );
  // The attacker's own key under the real kid: the kid resolves, the signature does not.
  const published = await publishedKey(platform);
  const impostor = await signAccessToken(stranger, { userId: account.id, kid: String(published.kid) });
  expectRejected(await me(platform, impostor), 'INVALID_TOKEN', 'signature');
});
