import { ROLES, type RequestContextData, type Role, isUuid, newId } from '@platform/common';
import { type MsgHdrs, headers as natsHeaders } from 'nats';

/** What travels with every NATS request and event, set where work enters the platform. */
export const MESSAGE_HEADERS = {
  correlationId: 'x-correlation-id',
  userId: 'x-user-id',
  roles: 'x-user-roles',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  clientIp: 'x-client-ip',
  userAgent: 'x-user-agent',
} as const;

export function headersFromContext(context: RequestContextData | undefined): MsgHdrs {
  const headers = natsHeaders();
  headers.set(MESSAGE_HEADERS.correlationId, context?.correlationId ?? newId());
  if (context?.userId) headers.set(MESSAGE_HEADERS.userId, context.userId);
  if (context && context.roles.length > 0) headers.set(MESSAGE_HEADERS.roles, context.roles.join(','));
  if (context?.traceparent) headers.set(MESSAGE_HEADERS.traceparent, context.traceparent);
  if (context?.tracestate) headers.set(MESSAGE_HEADERS.tracestate, context.tracestate);
  if (context?.clientIp) headers.set(MESSAGE_HEADERS.clientIp, context.clientIp);
  if (context?.userAgent) headers.set(MESSAGE_HEADERS.userAgent, context.userAgent.slice(0, 256));
  return headers;
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * Rebuilds the caller's context from message headers. Only the gateway sets identity
 * headers (NATS is not reachable from outside the cluster); malformed values are dropped
 * rather than trusted.
 */
export function contextFromHeaders(headers: MsgHdrs | undefined): RequestContextData {
  const get = (name: string): string | undefined => headers?.get(name) || undefined;
  const userId = get(MESSAGE_HEADERS.userId);
  const correlationId = get(MESSAGE_HEADERS.correlationId);
  return {
    correlationId: correlationId && correlationId.length <= 128 ? correlationId : newId(),
    userId: isUuid(userId) ? userId : undefined,
    roles: (get(MESSAGE_HEADERS.roles) ?? '').split(',').filter(isRole),
    traceparent: get(MESSAGE_HEADERS.traceparent),
    tracestate: get(MESSAGE_HEADERS.tracestate),
    clientIp: get(MESSAGE_HEADERS.clientIp),
    userAgent: get(MESSAGE_HEADERS.userAgent),
  };
}
