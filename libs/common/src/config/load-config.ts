import { z } from 'zod';

/** Thrown at start when the environment is incomplete; lists every bad variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against a schema of variables. Every problem is collected
 * before failing, so an operator fixes a deployment in one round instead of one variable
 * per crash loop. Values are never echoed: a bad variable may hold a secret.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    // An empty variable means "not set" (the way docker compose passes `FOO=`).
    input[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    return `${variable}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Builders for the usual kinds of variable, each with a default so a local run needs none. */
export const envVar = {
  string: (fallback?: string) =>
    fallback === undefined ? z.string().min(1) : z.string().min(1).default(fallback),

  url: (fallback: string | undefined, protocols: readonly string[]) => {
    const schema = z.string().refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { message: `must be a URL with protocol ${protocols.join(' or ')}` },
    );
    return fallback === undefined ? schema : schema.default(fallback);
  },

  int: (fallback: number, { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = {}) =>
    z
      .string()
      .regex(/^-?\d+$/, { message: 'must be an integer' })
      .transform(Number)
      .pipe(z.number().int().min(min).max(max))
      .default(fallback),

  port: (fallback: number) => envVar.int(fallback, { min: 0, max: 65535 }),

  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .default(fallback),

  oneOf: <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
    z.enum(values).default(fallback),

  list: (fallback: readonly string[]) =>
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .default([...fallback]),
};
