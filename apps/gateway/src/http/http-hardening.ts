import helmet from '@fastify/helmet';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CORRELATION_HEADER } from '@platform/common';
import { type GatewayConfig } from '../config';
import { parseJsonKeepingRawBody } from './raw-json-body';

/** Headers a browser client may send and read (CORS). */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  CORRELATION_HEADER,
  'traceparent',
  'tracestate',
];
const EXPOSED_HEADERS = [
  CORRELATION_HEADER,
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

/**
 * What a public HTTP edge needs before any route runs:
 * - every response, errors and unknown routes included, names its correlation id;
 * - JSON only: Fastify's text/plain parser goes (and Nest's urlencoded one is never added,
 *   see createGatewayApp), so an HTML form cannot post to the API without a CORS preflight;
 *   routes marked `@KeepRawBody()` (signed webhooks) also get the exact text they were sent;
 * - security headers (helmet) with a CSP the /docs UI works under: scripts and styles from
 *   this origin only (the UI has no inline script), inline style attributes, data: images;
 * - CORS for the configured origins only. Tokens travel in Authorization, never cookies,
 *   so credentials stay off.
 */
export async function hardenHttp(app: NestFastifyApplication, config: GatewayConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // onSend, not onRequest: Nest's adapter answers CORS preflights in an onRequest hook of
  // its own, registered before any of ours; every reply passes through onSend.
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header(CORRELATION_HEADER, request.id);
  });
  fastify.removeContentTypeParser('text/plain');
  parseJsonKeepingRawBody(fastify);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });

  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: config.CORS_ORIGINS.includes('*') ? true : config.CORS_ORIGINS,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      credentials: false,
      maxAge: 600,
    });
  }
}
