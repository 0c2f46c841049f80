import { ConfigError } from '@platform/common';
import { DEVELOPMENT_KEY_ENCRYPTION_SECRET, loadIdentityConfig } from './config';

describe('identity config', () => {
  it('runs with no configuration outside production, on the public development secret', () => {
    const config = loadIdentityConfig({});
    expect(config).toMatchObject({
      keyEncryptionSecret: DEVELOPMENT_KEY_ENCRYPTION_SECRET,
      usesDevelopmentSecret: true,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      LOGIN_MAX_FAILURES: 5,
    });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/identity_db');
  });

  it('refuses to start in production without a key-encryption secret', () => {
    expect(() => loadIdentityConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadIdentityConfig({ NODE_ENV: 'production' })).toThrow(/IDENTITY_KEY_ENCRYPTION_SECRET/);
    const secret = 's'.repeat(48);
    expect(
      loadIdentityConfig({ NODE_ENV: 'production', IDENTITY_KEY_ENCRYPTION_SECRET: secret }),
    ).toMatchObject({
      keyEncryptionSecret: secret,
      usesDevelopmentSecret: false,
    });
  });

  it('names every bad variable at once, never echoing a value', () => {
    let error: unknown;
    try {
      loadIdentityConfig({
        IDENTITY_KEY_ENCRYPTION_SECRET: 'short-secret',
        LOGIN_MAX_FAILURES: '0',
        IDENTITY_ADMIN_EMAIL: 'not-an-email',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/IDENTITY_KEY_ENCRYPTION_SECRET/);
    expect(message).toMatch(/LOGIN_MAX_FAILURES/);
    expect(message).toMatch(/IDENTITY_ADMIN_EMAIL/);
    expect(message).not.toContain('short-secret');
  });

  it('wants the admin email and password together', () => {
    expect(() => loadIdentityConfig({ IDENTITY_ADMIN_EMAIL: 'root@example.com' })).toThrow(
      /set both or neither/,
    );
    expect(
      loadIdentityConfig({
        IDENTITY_ADMIN_EMAIL: ' Root@Example.com ',
        IDENTITY_ADMIN_PASSWORD: 'long enough pw',
      }).IDENTITY_ADMIN_EMAIL,
    ).toBe('root@example.com');
  });
});
