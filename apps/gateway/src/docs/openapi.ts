import { type INestApplication, type Type } from '@nestjs/common';
import {
  METHOD_METADATA,
  MODULE_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import {
  ApiBearerAuth,
  ApiResponse,
  ApiSecurity,
  DocumentBuilder,
  type OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { AUTH_POLICY, type AuthPolicy, REQUIRED_ROLES } from '@platform/auth';
import { type Role } from '@platform/common';
import { API_MODULES, UPSTREAMS } from '../api-routes';
import { RATE_LIMIT_POLICY, type RateLimitPolicyName } from '../rate-limit/rate-limit.decorators';
import { ErrorBodySchema } from './error-body.schema';

const described = new WeakSet<Type>();

function metadataOf<T>(key: string, method: object, controller: Type): T | undefined {
  return (Reflect.getMetadata(key, method) ?? Reflect.getMetadata(key, controller)) as T | undefined;
}

const errorResponse = (status: number, description: string): MethodDecorator =>
  ApiResponse({ status, description, type: ErrorBodySchema });

/**
 * Documents what the guards enforce, read from the same decorators they read (@Public,
 * @OptionalAuth, @Roles, rate-limit policy), so the document cannot drift from behaviour and
 * controllers carry no duplicate annotations: the bearer requirement, and the error
 * responses each route can give.
 */
function describeAccess(module: Type, callsService: boolean): void {
  const controllers = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type[];
  for (const controller of controllers) {
    if (described.has(controller)) continue;
    described.add(controller);
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      const method = descriptor?.value as object | undefined;
      if (
        !descriptor ||
        typeof method !== 'function' ||
        Reflect.getMetadata(METHOD_METADATA, method) === undefined
      )
        continue;
      if (Reflect.getMetadata(PATH_METADATA, method) === undefined) continue;
      const policy = metadataOf<AuthPolicy>(AUTH_POLICY, method, controller) ?? 'authenticated';
      const roles = metadataOf<Role[]>(REQUIRED_ROLES, method, controller) ?? [];
      const rateLimit = metadataOf<RateLimitPolicyName>(RATE_LIMIT_POLICY, method, controller) ?? 'user';
      const decorators: MethodDecorator[] = [];
      if (policy === 'optional') decorators.push(ApiSecurity({}), ApiBearerAuth());
      if (policy === 'authenticated') decorators.push(ApiBearerAuth());
      if (policy !== 'public')
        decorators.push(errorResponse(401, 'No valid access token (missing, expired, invalid)'));
      if (roles.length > 0) decorators.push(errorResponse(403, `Needs the ${roles.join(' or ')} role`));
      if (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) !== undefined) {
        decorators.push(errorResponse(400, 'Invalid input; `details` names each bad field'));
      }
      if (rateLimit !== 'none') {
        const scope = rateLimit === 'auth' ? 'client IP' : 'user (client IP when anonymous)';
        decorators.push(errorResponse(429, `Too many requests from this ${scope}; see Retry-After`));
      }
      if (callsService) {
        decorators.push(
          errorResponse(503, 'The service is unavailable; see Retry-After'),
          errorResponse(504, 'The service did not answer in time'),
        );
      }
      for (const decorate of decorators) decorate(prototype, name, descriptor);
    }
  }
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const upstreamModules = new Set<Type>(UPSTREAMS.map((upstream) => upstream.routes));
  for (const module of API_MODULES) describeAccess(module, upstreamModules.has(module));
  const config = new DocumentBuilder()
    .setTitle('Learning platform API')
    .setDescription(
      'JSON in and out, camelCase. Errors: `{ "error": { code, message, details, correlationId } }`. ' +
        'Every response carries `x-correlation-id` (echoed when the request sends one).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, { include: API_MODULES, extraModels: [ErrorBodySchema] });
}
