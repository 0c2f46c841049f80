import { RouteConfig } from '@nestjs/platform-fastify';
import { type FastifyInstance, type FastifyRequest } from 'fastify';

const RAW_BODY = Symbol('rawBody');

interface RawBodyRouteConfig {
  keepRawBody?: boolean;
}

/**
 * Marks a route whose handler needs the JSON body exactly as it arrived, byte for byte: a
 * payment processor signs the bytes it sent, and re-serialising the parsed object (key
 * order, whitespace, number formats) would break every signature.
 */
export const KeepRawBody = (): MethodDecorator =>
  RouteConfig({ keepRawBody: true } satisfies RawBodyRouteConfig);

/** The body of a `@KeepRawBody()` route as received; undefined on any other route. */
export function rawBodyOf(request: FastifyRequest): string | undefined {
  return (request as FastifyRequest & { [RAW_BODY]?: string })[RAW_BODY];
}

/**
 * Replaces Fastify's JSON parser by the same parser (prototype-poisoning checks included)
 * that also keeps the text for routes marked `@KeepRawBody()`. Other routes keep nothing
 * more than before: the text is read either way and dropped after parsing.
 */
export function parseJsonKeepingRawBody(fastify: FastifyInstance): void {
  // The default parser is the callback form (the type admits a promise form too).
  const parseJson = fastify.getDefaultJsonParser('error', 'error') as (
    request: FastifyRequest,
    body: string,
    done: (error: Error | null, value?: unknown) => void,
  ) => void;
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const config = request.routeOptions.config as RawBodyRouteConfig | undefined;
    if (config?.keepRawBody === true) {
      (request as FastifyRequest & { [RAW_BODY]?: string })[RAW_BODY] = body as string;
    }
    parseJson(request, body as string, done);
  });
}
