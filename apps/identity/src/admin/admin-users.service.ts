import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ROLES, type Role, ValidationError } from '@platform/common';
import {
  type AdminUpdateUserRequest,
  type ListUsersQuery,
  type Page,
  type UserView,
} from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { EventPublisher, UserRoleChanged, UserUpdated } from '@platform/events';
import { SecurityAuditLog } from '../audit/security-audit-log';
import { SessionsService } from '../sessions/sessions.service';
import { type User, effectiveStatus } from '../users/user.entity';
import { toUserView, updatedPayload } from '../users/user.views';
import { UsersRepository } from '../users/users.repository';
import { parseSortParam } from './sort-param';

const DEFAULT_SORT = '-createdAt';

/** What admins do to accounts: find them, change their roles, disable, enable and unlock them. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly events: EventPublisher,
    private readonly audit: SecurityAuditLog,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<UserView>> {
    const page = await this.users.search(
      { role: query.role, status: query.status, q: query.q },
      { sort: parseSortParam<User>(query.sort ?? DEFAULT_SORT), limit: query.limit, offset: query.offset },
    );
    return { ...page, items: page.items.map(toUserView) };
  }

  async update(request: AdminUpdateUserRequest): Promise<UserView> {
    if (request.roles == null && request.status == null) {
      throw new ValidationError('Nothing to update', {
        details: [{ field: '(body)', message: 'give roles, status or both' }],
      });
    }
    return runInTransaction(async () => {
      // Lock order everywhere: the admin set, then the user row.
      await this.users.lockAdminSet();
      let user = await this.users.lockLive(request.userId);
      if (!user) throw NotFoundError.forEntity('User', request.userId);
      if (request.roles) user = await this.changeRoles(user, request.roles);
      if (request.status === 'disabled') user = await this.disable(user);
      if (request.status === 'active') user = await this.activate(user);
      return toUserView(user);
    });
  }

  /** In the caller's transaction, after lockAdminSet(): sets the roles, refusing to remove the last admin. */
  async changeRoles(user: User, requested: readonly Role[]): Promise<User> {
    const roles = ROLES.filter((role) => requested.includes(role));
    if (roles.length === user.roles.length && roles.every((role) => user.roles.includes(role))) return user;
    if (user.roles.includes('admin') && !roles.includes('admin')) await this.assertNotLastAdmin(user.id);
    const updated = await this.users.update(user.id, { roles });
    await this.events.publish(UserRoleChanged, {
      aggregateId: user.id,
      data: { userId: user.id, roles, previousRoles: [...user.roles] },
    });
    await this.audit.record('role.changed', {
      userId: user.id,
      details: { previousRoles: user.roles, roles },
    });
    return updated;
  }

  private async disable(user: User): Promise<User> {
    if (user.status === 'disabled') return user;
    if (user.roles.includes('admin')) await this.assertNotLastAdmin(user.id);
    const updated = await this.users.update(user.id, {
      status: 'disabled',
      lockedUntil: null,
      failedLoginCount: 0,
    });
    const revoked = await this.sessions.revokeAllOfUser(user.id, 'user_disabled');
    await this.audit.record('user.disabled', {
      userId: user.id,
      details: { revokedSessions: revoked.length },
    });
    await this.events.publish(UserUpdated, {
      aggregateId: user.id,
      data: updatedPayload(updated, ['status']),
    });
    return updated;
  }

  /** Enables a disabled account, or lifts a brute-force lock early. */
  private async activate(user: User): Promise<User> {
    const before = effectiveStatus(user);
    if (before === 'active' && user.status !== 'locked') return user;
    const updated = await this.users.update(user.id, {
      status: 'active',
      lockedUntil: null,
      failedLoginCount: 0,
      lastFailedLoginAt: null,
    });
    if (before === 'active') return updated; // an expired lock, tidied up: nothing anyone could see changed
    await this.audit.record(before === 'disabled' ? 'user.enabled' : 'user.unlocked', { userId: user.id });
    await this.events.publish(UserUpdated, {
      aggregateId: user.id,
      data: updatedPayload(updated, ['status']),
    });
    return updated;
  }

  private async assertNotLastAdmin(userId: string): Promise<void> {
    if ((await this.users.countOtherActiveAdmins(userId)) > 0) return;
    throw new ConflictError('This is the last active admin; make someone else admin first', {
      code: 'LAST_ADMIN',
    });
  }
}
