import { z } from 'zod';
import { ConfigError, envVar, loadConfig } from './load-config';
import { serviceDatabaseUrl } from './platform-config';

describe('loadConfig', () => {
  const schema = z.object({
    PORT: envVar.port(3000),
    NATS_URL: envVar.url('nats://127.0.0.1:4222', ['nats']),
    JWT_ISSUER: envVar.string(),
    DEBUG: envVar.bool(false),
    ORIGINS: envVar.list([]),
  });

  it('applies defaults and converts types', () => {
    expect(loadConfig(schema, { JWT_ISSUER: 'platform', DEBUG: 'yes', ORIGINS: 'a, b,' })).toEqual({
      PORT: 3000,
      NATS_URL: 'nats://127.0.0.1:4222',
      JWT_ISSUER: 'platform',
      DEBUG: true,
      ORIGINS: ['a', 'b'],
    });
  });

  it('names every bad variable at once and never echoes a value', () => {
    let error: unknown;
    try {
      loadConfig(schema, { PORT: '99999', NATS_URL: 'http://s3cr3t@x', DEBUG: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const variable of ['PORT', 'NATS_URL', 'JWT_ISSUER', 'DEBUG']) expect(problems).toContain(variable);
    expect(problems).not.toContain('s3cr3t');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { JWT_ISSUER: 'x', PORT: '' }).PORT).toBe(3000);
  });

  it('gives each service its own database unless told otherwise', () => {
    expect(serviceDatabaseUrl('identity', 'postgres://postgres@127.0.0.1:5432', {})).toBe(
      'postgres://postgres@127.0.0.1:5432/identity_db',
    );
    expect(
      serviceDatabaseUrl('identity', 'postgres://x', { IDENTITY_DATABASE_URL: 'postgres://db/own' }),
    ).toBe('postgres://db/own');
  });
});
