import { type RequestPattern, definePattern } from './request-pattern';

export interface SystemPingReply {
  service: string;
}

const SERVICE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * `<service>.system.ping`: answered by the RequestListener of every service (no handler to
 * write), so a caller such as the gateway's readiness check can tell whether any replica of
 * the service is reachable over NATS without touching its domain code or database.
 */
export function systemPingPattern(
  service: string,
): RequestPattern<Record<string, never>, SystemPingReply> | undefined {
  return SERVICE_NAME.test(service) ? definePattern(`${service}.system.ping`) : undefined;
}
