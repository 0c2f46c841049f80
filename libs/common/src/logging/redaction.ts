/**
 * Fields that must never reach a log line. pino's redaction paths match one level per
 * wildcard, so each secret name is listed at the depths where our objects carry it
 * (log argument, its body/data/payload, one more level for nested DTOs).
 */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'idempotencyKey',
  'secret',
  'privateKey',
  'authorization',
  'cookie',
];

const prefixes = ['', '*.', '*.*.', '*.*.*.'];

export const REDACTED_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...prefixes.flatMap((prefix) => SECRET_KEYS.map((key) => `${prefix}${key}`)),
];
