import { AsyncLocalStorage } from 'node:async_hooks';
import { newId } from '../ids/ids';

export const ROLES = ['student', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking and which request this work belongs to. Set once where work enters a
 * process (HTTP request, NATS request, consumed event) and read anywhere below it:
 * logs take the correlation id, repositories take the user id for audit columns.
 */
export interface RequestContextData {
  readonly correlationId: string;
  readonly userId?: string;
  readonly roles: readonly Role[];
  /** W3C trace context, forwarded unchanged so traces join across services. */
  readonly traceparent?: string;
  readonly tracestate?: string;
  /** The client's address and agent as the gateway saw them (sessions, audit log, rate limits). */
  readonly clientIp?: string;
  readonly userAgent?: string;
  /** The event being handled, when the work was caused by one (becomes causationId). */
  readonly causationId?: string;
}

const storage = new AsyncLocalStorage<RequestContextData>();

export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },

  /** The context of the current async flow, if any. */
  current(): RequestContextData | undefined {
    return storage.getStore();
  },

  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },

  userId(): string | undefined {
    return storage.getStore()?.userId;
  },

  hasRole(role: Role): boolean {
    return storage.getStore()?.roles.includes(role) ?? false;
  },

  /** A fresh context for work that has no caller (a relay tick, a scheduled job). */
  system(overrides: Partial<RequestContextData> = {}): RequestContextData {
    return { correlationId: newId(), roles: [], ...overrides };
  },
};
