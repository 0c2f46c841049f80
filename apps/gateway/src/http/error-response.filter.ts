import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Logger } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { type GatewayConfig } from '../config';
import { toErrorResponse } from './error-response';

/**
 * Every error the gateway answers goes through here: those of handlers, guards and pipes,
 * Fastify's body-parsing errors and unknown routes (Nest routes both to the global filters).
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const response = toErrorResponse(exception, request.id, {
      unavailableRetryAfterSeconds: this.config.UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
    const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
    if (response.logAs === 'error') {
      const detail = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${route} failed [${request.id}]: ${detail}`);
    } else if (response.logAs === 'warn') {
      this.logger.warn(`${route} answered ${response.status} ${response.body.error.code} [${request.id}]`);
    }
    if (reply.sent) return;
    void reply.status(response.status).headers(response.headers).send(response.body);
  }
}
