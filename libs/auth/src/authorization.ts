import { ForbiddenError, RequestContext, type Role, UnauthenticatedError } from '@platform/common';

/** The caller of the current request, as the gateway vouched for it. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly isAdmin: boolean;
}

/** The signed-in caller, or UNAUTHENTICATED. Services authorize; they never trust a user id from a body. */
export function currentActor(): Actor {
  const context = RequestContext.current();
  if (!context?.userId) throw new UnauthenticatedError('Sign in to do this');
  return { userId: context.userId, roles: context.roles, isAdmin: context.roles.includes('admin') };
}

/** The caller, if signed in; for routes anyone may call but a signed-in caller sees more. */
export function optionalActor(): Actor | undefined {
  return RequestContext.current()?.userId ? currentActor() : undefined;
}

/** The caller if they hold one of `roles` (admin always passes), else FORBIDDEN. */
export function requireRole(...roles: Role[]): Actor {
  const actor = currentActor();
  if (actor.isAdmin || roles.some((role) => actor.roles.includes(role))) return actor;
  throw new ForbiddenError(`This needs the ${roles.join(' or ')} role`, {
    details: { requiredRoles: roles },
  });
}

/** The caller if they own the resource or are an admin, else FORBIDDEN. */
export function requireOwnerOrAdmin(ownerId: string, resource = 'resource'): Actor {
  const actor = currentActor();
  if (actor.isAdmin || actor.userId === ownerId) return actor;
  throw new ForbiddenError(`Only the owner of this ${resource} or an admin may do this`);
}
