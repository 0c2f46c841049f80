import { type Type } from '@nestjs/common';
import { type Routes } from '@nestjs/core';
import { CourseRoutesModule } from './course/course-routes.module';
import { CommerceRoutesModule } from './commerce/commerce-routes.module';
import { HelloModule } from './hello/hello.module';
import { IdentityRoutesModule } from './identity/identity-routes.module';

/**
 * The services behind the gateway and the module holding each one's routes. Adding a
 * service is one line here plus its module: `apps/gateway/src/<service>/` with thin
 * controllers calling `ServiceClient.send(<Service>Patterns.x, dto)`. Its routes land under
 * /api/v1, behind sign-in, validation and rate limits, in the OpenAPI document, and its
 * reachability shows on /health/ready.
 */
export const UPSTREAMS: ReadonlyArray<{ service: string; routes: Type }> = [
  { service: 'identity', routes: IdentityRoutesModule },
  { service: 'course', routes: CourseRoutesModule },
  { service: 'commerce', routes: CommerceRoutesModule },
];

export const API_PREFIX = 'api/v1';

/** Every module whose controllers serve under /api/v1 (and appear in the OpenAPI document). */
export const API_MODULES: Type[] = [...UPSTREAMS.map((upstream) => upstream.routes), HelloModule];

export const API_ROUTES: Routes = [{ path: API_PREFIX, children: API_MODULES }];
