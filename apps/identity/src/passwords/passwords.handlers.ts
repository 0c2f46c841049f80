import { Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import {
  ChangePasswordRequest,
  ForgotPasswordRequest,
  IdentityPatterns,
  RequestHandler,
  ResetPasswordRequest,
  type TokenPairView,
} from '@platform/contracts';
import { PasswordsService } from './passwords.service';

@Injectable()
export class PasswordsHandlers {
  constructor(private readonly passwords: PasswordsService) {}

  /** Anyone; the same empty answer whether or not the account exists. */
  @RequestHandler(IdentityPatterns.forgotPassword)
  async forgot(request: ForgotPasswordRequest): Promise<null> {
    await this.passwords.forgot(request.email);
    return null;
  }

  /** Anyone holding the mailed token. */
  @RequestHandler(IdentityPatterns.resetPassword)
  async reset(request: ResetPasswordRequest): Promise<null> {
    await this.passwords.reset(request.token, request.newPassword);
    return null;
  }

  /** Signed in, knowing the current password. */
  @RequestHandler(IdentityPatterns.changePassword)
  change(request: ChangePasswordRequest): Promise<TokenPairView> {
    return this.passwords.change(currentActor().userId, request.currentPassword, request.newPassword);
  }
}
