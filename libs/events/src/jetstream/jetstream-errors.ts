import { NatsError } from 'nats';

/** JetStream API error codes this library reacts to (nats-server's errors.json). */
export const JS_ERROR = {
  consumerNotFound: 10014,
  streamNameInUse: 10058,
  streamNotFound: 10059,
  noMessageFound: 10037,
} as const;

export function jetStreamErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.api_error?.err_code : undefined;
}
