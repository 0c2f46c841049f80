import { Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import {
  IdentityPatterns,
  PublicProfileRequest,
  type PublicProfileView,
  RequestHandler,
  UpdateProfileRequest,
  type UserView,
} from '@platform/contracts';
import { UsersService } from './users.service';

@Injectable()
export class UsersHandlers {
  constructor(private readonly users: UsersService) {}

  /** Signed in: own account. */
  @RequestHandler(IdentityPatterns.me)
  me(): Promise<UserView> {
    return this.users.me(currentActor().userId);
  }

  /** Signed in: edit own profile. */
  @RequestHandler(IdentityPatterns.updateMe)
  updateMe(request: UpdateProfileRequest): Promise<UserView> {
    return this.users.updateProfile(currentActor().userId, request);
  }

  /** Signed in: soft-delete own account. */
  @RequestHandler(IdentityPatterns.deleteMe)
  async deleteMe(): Promise<null> {
    await this.users.deleteAccount(currentActor().userId);
    return null;
  }

  /** Anyone: a user's public profile; deleted users are NOT_FOUND. */
  @RequestHandler(IdentityPatterns.publicProfile)
  publicProfile(request: PublicProfileRequest): Promise<PublicProfileView> {
    return this.users.publicProfile(request.userId);
  }
}
