import { Injectable } from '@nestjs/common';
import {
  type AuthResultView,
  IdentityPatterns,
  LoginRequest,
  LogoutRequest,
  RefreshRequest,
  RegisterRequest,
  RequestHandler,
  type TokenPairView,
} from '@platform/contracts';
import { AuthService } from './auth.service';

/** Anyone may call these: they are how a caller becomes signed in (or stops being). */
@Injectable()
export class AuthHandlers {
  constructor(private readonly auth: AuthService) {}

  @RequestHandler(IdentityPatterns.register)
  register(request: RegisterRequest): Promise<AuthResultView> {
    return this.auth.register(request);
  }

  @RequestHandler(IdentityPatterns.login)
  login(request: LoginRequest): Promise<AuthResultView> {
    return this.auth.login(request);
  }

  @RequestHandler(IdentityPatterns.refresh)
  refresh(request: RefreshRequest): Promise<TokenPairView> {
    return this.auth.refresh(request.refreshToken);
  }

  @RequestHandler(IdentityPatterns.logout)
  async logout(request: LogoutRequest): Promise<null> {
    await this.auth.logout(request.refreshToken);
    return null;
  }
}
