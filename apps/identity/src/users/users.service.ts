import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  DuplicateKeyError,
  NotFoundError,
  OptimisticLockError,
  RequestContext,
  type Role,
  UnauthenticatedError,
} from '@platform/common';
import { type PublicProfileView, type UpdateProfileRequest, type UserView } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { EventPublisher, UserDeleted, UserRegistered, UserUpdated } from '@platform/events';
import { SecurityAuditLog } from '../audit/security-audit-log';
import { SessionsService } from '../sessions/sessions.service';
import { type User } from './user.entity';
import { registeredPayload, toPublicProfile, toUserView, updatedPayload } from './user.views';
import { UsersRepository } from './users.repository';

export interface NewAccount {
  email: string;
  passwordHash: string;
  name: string;
  roles: Role[];
  emailVerified?: boolean;
}

const PROFILE_FIELDS = ['name', 'bio', 'avatarUrl', 'headline', 'locale', 'timezone', 'region'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Accounts and their profiles: creation, the owner's view and edits, deletion, public profiles. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly events: EventPublisher,
    private readonly audit: SecurityAuditLog,
  ) {}

  /** In the caller's transaction: a new account and its `identity.user.registered` event. */
  async createAccount(account: NewAccount): Promise<User> {
    let user: User;
    try {
      user = await this.users.create({
        email: account.email,
        passwordHash: account.passwordHash,
        name: account.name,
        roles: account.roles,
        status: 'active',
        emailVerifiedAt: account.emailVerified ? new Date() : null,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new DuplicateKeyError('An account with this email already exists', {
          details: { field: 'email' },
        });
      }
      throw error;
    }
    // Read back for the database's defaults (timestamps, version).
    const created = await this.users.getById(user.id);
    await this.events.publish(UserRegistered, { aggregateId: created.id, data: registeredPayload(created) });
    await this.audit.record('user.registered', { userId: created.id, details: { roles: created.roles } });
    return created;
  }

  async me(userId: string): Promise<UserView> {
    return toUserView(await this.liveAccount(userId));
  }

  async publicProfile(userId: string): Promise<PublicProfileView> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('User not found', { details: { entity: 'User', id: userId } });
    return toPublicProfile(user);
  }

  /** Changes only the fields that differ; no change, no event. A stale `version` is VERSION_CONFLICT. */
  async updateProfile(userId: string, request: UpdateProfileRequest): Promise<UserView> {
    return runInTransaction(async () => {
      const user = await this.users.lockLive(userId);
      if (!user) throw new UnauthenticatedError('This account no longer exists');
      if (request.version !== undefined && request.version !== user.version) {
        throw new OptimisticLockError('Your profile was changed elsewhere; reload it and try again', {
          details: { expectedVersion: request.version, currentVersion: user.version },
        });
      }
      const patch: Partial<Pick<User, ProfileField>> = {};
      for (const field of PROFILE_FIELDS) {
        const value = request[field];
        if (value !== undefined && value !== user[field]) Object.assign(patch, { [field]: value });
      }
      const changedFields = Object.keys(patch);
      if (changedFields.length === 0) return toUserView(user);
      const updated = await this.users.update(userId, patch, { expectedVersion: user.version });
      await this.events.publish(UserUpdated, {
        aggregateId: userId,
        data: updatedPayload(updated, changedFields),
      });
      return toUserView(updated);
    });
  }

  /** Soft-deletes the caller's account: sessions end, the email is free again. The last admin cannot. */
  async deleteAccount(userId: string): Promise<void> {
    await runInTransaction(async () => {
      // Deletions are rare: always queue behind other changes to the admin set (lock order: set, then row).
      await this.users.lockAdminSet();
      const user = await this.users.lockLive(userId);
      if (!user) throw new UnauthenticatedError('This account no longer exists');
      if (user.roles.includes('admin') && (await this.users.countOtherActiveAdmins(userId)) === 0) {
        throw new ConflictError('The last admin cannot delete their account; make someone else admin first', {
          code: 'LAST_ADMIN',
        });
      }
      await this.users.markDeleted(userId, RequestContext.userId() ?? null);
      const sessionIds = await this.sessions.revokeAllOfUser(userId, 'user_deleted');
      await this.events.publish(UserDeleted, { aggregateId: userId, data: { userId } });
      await this.audit.record('user.deleted', { userId, details: { revokedSessions: sessionIds.length } });
    });
  }

  private async liveAccount(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw new UnauthenticatedError('This account no longer exists');
    return user;
  }
}
