import { SetMetadata } from '@nestjs/common';
import { type RequestPattern } from './request-pattern';

export const REQUEST_HANDLER_METADATA = 'platform:request-handler';

/**
 * Marks a provider method as the service's answer to a pattern. The method receives the
 * validated request DTO; the caller's identity is in RequestContext. What it returns is
 * the reply; what it throws (an AppError) is the typed error reply.
 */
export function RequestHandler<Req, Res>(pattern: RequestPattern<Req, Res>): MethodDecorator {
  return SetMetadata(REQUEST_HANDLER_METADATA, pattern);
}
