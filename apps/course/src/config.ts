import { envVar, loadConfig, platformEnv, serviceDatabaseUrl } from '@platform/common';
import { z } from 'zod';

export const SERVICE = 'course';

/** Every variable the course service reads, validated at start (the process exits naming each bad one). */
export const courseConfigSchema = z.object({
  ...platformEnv,
  PORT: envVar.port(3002),
  COURSE_DATABASE_URL: envVar.url(undefined, ['postgres', 'postgresql']).optional(),
  /**
   * How long a seat hold outlives its order's `expiresAt` before the sweeper frees the seat.
   * Commerce releases holds itself (order canceled/expired events); this is the backstop for
   * an event that never comes, so it waits long enough for a late `order.paid` to win.
   */
  SEAT_HOLD_GRACE_MINUTES: envVar.int(15, { min: 0, max: 24 * 60 }),
  /** How often the sweeper looks for abandoned holds; 0 turns it off (tests drive it by hand). */
  SEAT_HOLD_SWEEP_INTERVAL_MS: envVar.int(60_000, { min: 0, max: 3_600_000 }),
});

export type CourseConfig = z.output<typeof courseConfigSchema> & { databaseUrl: string };

export function loadCourseConfig(env: NodeJS.ProcessEnv = process.env): CourseConfig {
  const config = loadConfig(courseConfigSchema, env);
  return { ...config, databaseUrl: serviceDatabaseUrl(SERVICE, config.POSTGRES_URL, env) };
}

/** Injection token of the validated configuration. */
export const COURSE_CONFIG = Symbol('COURSE_CONFIG');
