import { SetMetadata, applyDecorators } from '@nestjs/common';
import { type Role } from '@platform/common';

/** How a route treats the caller's access token. Routes are `authenticated` unless they say otherwise. */
export type AuthPolicy = 'public' | 'optional' | 'authenticated';

export const AUTH_POLICY = 'auth:policy';
export const REQUIRED_ROLES = 'auth:roles';

/** Anyone may call; an Authorization header is ignored. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(AUTH_POLICY, 'public');

/** Anyone may call; a token, when sent, must verify (401 otherwise) and its caller is forwarded. */
export const OptionalAuth = (): ClassDecorator & MethodDecorator => SetMetadata(AUTH_POLICY, 'optional');

/**
 * A signed-in caller holding one of `roles` (admin always passes), else 403. Only the cheap
 * role check happens at the edge; services still authorize ownership and their own rules.
 */
export const Roles = (...roles: [Role, ...Role[]]): ClassDecorator & MethodDecorator =>
  applyDecorators(SetMetadata(AUTH_POLICY, 'authenticated'), SetMetadata(REQUIRED_ROLES, roles));
