import { type IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CORRELATION_HEADER, correlationIdFrom } from '../logging/logging.module';

export interface HttpAdapterOptions {
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /**
   * Which peers may set X-Forwarded-For (Fastify's `trustProxy`): true (any), a hop count,
   * or addresses/CIDRs/names such as `loopback` or `10.0.0.0/8`. Only a trusted ingress
   * may say who the client is, or anyone could dodge per-IP rate limits with a header.
   */
  trustProxy?: boolean | number | string | string[];
}

/**
 * The Fastify adapter every process uses:
 * - the request id is the caller's x-correlation-id (when well-formed), so pino's
 *   request lines and the response header carry the id the client sent;
 * - once closing starts, responses say `Connection: close`. Without it a keep-alive
 *   connection kept `close()` waiting for Fastify's 72 s keep-alive timeout, long past the
 *   pod's termination grace period.
 */
export function createHttpAdapter(options: HttpAdapterOptions = {}): FastifyAdapter {
  const adapter = new FastifyAdapter({
    trustProxy: options.trustProxy ?? true,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: (req: IncomingMessage) => correlationIdFrom(req.headers[CORRELATION_HEADER]),
  });
  const fastify = adapter.getInstance();
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
  return adapter;
}
