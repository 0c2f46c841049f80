import { Injectable } from '@nestjs/common';
import {
  AdminUpdateUserRequest,
  IdentityPatterns,
  ListSecurityEventsQuery,
  ListUsersQuery,
  type Page,
  RequestHandler,
  type SecurityEventView,
  type UserView,
} from '@platform/contracts';
import { AdminAccess } from './admin-access';
import { AdminUsersService } from './admin-users.service';
import { SecurityEventsQueries } from './security-events.queries';

/** Admins only (checked against the database, not only the token). */
@Injectable()
export class AdminUsersHandlers {
  constructor(
    private readonly access: AdminAccess,
    private readonly users: AdminUsersService,
    private readonly securityEvents: SecurityEventsQueries,
  ) {}

  @RequestHandler(IdentityPatterns.listUsers)
  async list(query: ListUsersQuery): Promise<Page<UserView>> {
    await this.access.requireAdmin();
    return this.users.list(query);
  }

  @RequestHandler(IdentityPatterns.adminUpdateUser)
  async update(request: AdminUpdateUserRequest): Promise<UserView> {
    await this.access.requireAdmin();
    return this.users.update(request);
  }

  @RequestHandler(IdentityPatterns.listSecurityEvents)
  async listSecurityEvents(query: ListSecurityEventsQuery): Promise<Page<SecurityEventView>> {
    await this.access.requireAdmin();
    return this.securityEvents.list(query);
  }
}
