import { Injectable } from '@nestjs/common';
import { type Actor, requireRole } from '@platform/auth';
import { ForbiddenError } from '@platform/common';
import { UsersRepository } from '../users/users.repository';

/**
 * Admin operations check the database as well as the token: a demoted or disabled admin's
 * access token keeps its `admin` role until it expires, but must not keep admin powers here.
 */
@Injectable()
export class AdminAccess {
  constructor(private readonly users: UsersRepository) {}

  async requireAdmin(): Promise<Actor> {
    const actor = requireRole('admin');
    if (!(await this.users.isActiveAdmin(actor.userId))) {
      throw new ForbiddenError('This needs the admin role', { details: { requiredRoles: ['admin'] } });
    }
    return actor;
  }
}
