import { type ClassConstructor } from 'class-transformer';

/**
 * A request/reply operation between the gateway and a service: its NATS subject
 * (`<service>.<resource>.<action>`), the DTO class both sides validate the request with,
 * and the response type (type-level only).
 */
export interface RequestPattern<Req, Res> {
  readonly subject: string;
  readonly request?: ClassConstructor<Req & object>;
  /** Phantom: carries the response type for ServiceClient.send; never set. */
  readonly response?: Res;
}

export function definePattern<Req, Res>(
  subject: string,
  request?: ClassConstructor<Req & object>,
): RequestPattern<Req, Res> {
  if (!/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/.test(subject)) {
    throw new Error(`Pattern subject "${subject}" must be <service>.<resource>.<action> in lower case`);
  }
  return request ? { subject, request } : { subject };
}

/** Request type of a pattern. */
export type RequestOf<P> = P extends RequestPattern<infer Req, unknown> ? Req : never;
/** Response type of a pattern. */
export type ResponseOf<P> = P extends RequestPattern<unknown, infer Res> ? Res : never;
