import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { callerOf } from '@platform/auth';
import { RequestContext, type RequestContextData } from '@platform/common';
import { type FastifyRequest } from 'fastify';
import { type Observable } from 'rxjs';
import { traceContextFrom } from './trace-context';

const USER_AGENT_MAX = 256;

/** What the services hear about this request: built once, from what the gateway verified. */
export function requestContextOf(request: FastifyRequest): RequestContextData {
  const caller = callerOf(request);
  const userAgent = request.headers['user-agent'];
  return {
    // createHttpAdapter makes the request id the caller's well-formed x-correlation-id, or a new one.
    correlationId: request.id,
    userId: caller?.userId,
    roles: caller?.roles ?? [],
    // request.ip honours TRUST_PROXY: X-Forwarded-For counts only when a trusted proxy sent it.
    clientIp: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, USER_AGENT_MAX) : undefined,
    ...traceContextFrom(request.headers),
  };
}

/**
 * Runs the handler (pipes included) inside RequestContext.run, so ServiceClient puts the
 * caller, correlation id and trace context in the NATS headers and logs carry them.
 * An interceptor rather than a middleware because it runs after the guards: the caller is
 * known only once the access token has verified. Nest binds the handler's async context to
 * where `next.handle()` is called, so everything downstream inherits this one.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return RequestContext.run(requestContextOf(request), () => next.handle());
  }
}
