import { counter, histogram } from '@platform/common';
import { type FastifyInstance } from 'fastify';

const LABELS = ['method', 'route', 'status_class'] as const;

const requestsTotal = counter('http_requests_total', 'HTTP requests answered by the gateway', LABELS);
const requestDuration = histogram(
  'http_request_duration_seconds',
  'Time the gateway took to answer an HTTP request',
  LABELS,
);

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Requests that matched no route share one label: raw URLs would make a series per id (or per scanner probe). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts and times every response by route pattern (`/api/v1/users/:id`, never the URL
 * with its id), method and status class, so dashboards stay bounded in cardinality.
 */
export function registerHttpMetrics(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: METHODS.has(request.method) ? request.method : 'OTHER',
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status_class: `${Math.floor(reply.statusCode / 100)}xx`,
    };
    requestsTotal.inc(labels);
    requestDuration.observe(labels, reply.elapsedTime / 1_000);
  });
}
