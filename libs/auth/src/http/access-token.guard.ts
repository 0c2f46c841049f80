import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, INFRASTRUCTURE_ENDPOINT, type Role } from '@platform/common';
import { AccessTokenVerifier, tokenRejected } from '../verification/access-token-verifier';
import { AUTH_POLICY, type AuthPolicy, REQUIRED_ROLES } from './auth.decorators';
import { setCaller } from './caller';

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
}

/** `Bearer <token>` (scheme case-insensitive, RFC 7235); undefined when no header; a malformed header is refused. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(value);
  if (!match?.[1]) throw tokenRejected('malformed');
  return match[1];
}

/**
 * The gateway's sign-in check, applied to every route: authenticated unless the route is
 * @Public() or @OptionalAuth(); @Roles() adds a role check (admin passes every role check).
 * Probe and scrape endpoints (@InfrastructureEndpoint) pass untouched.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(INFRASTRUCTURE_ENDPOINT, targets)) return true;
    const policy = this.reflector.getAllAndOverride<AuthPolicy>(AUTH_POLICY, targets) ?? 'authenticated';
    if (policy === 'public') return true;

    const request = context.switchToHttp().getRequest<HttpRequestLike>();
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      if (policy === 'optional') return true;
      throw tokenRejected('missing');
    }
    const caller = await this.verifier.verify(token);
    setCaller(request, caller);

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    const allowed =
      required.length === 0 ||
      caller.roles.includes('admin') ||
      required.some((role) => caller.roles.includes(role));
    if (!allowed) {
      throw new ForbiddenError(`This needs the ${required.join(' or ')} role`, {
        details: { requiredRoles: required },
      });
    }
    return true;
  }
}
