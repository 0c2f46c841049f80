import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@platform/auth';
import {
  type AuthResultView,
  ForgotPasswordRequest,
  IdentityPatterns,
  LoginRequest,
  LogoutRequest,
  RefreshRequest,
  RegisterRequest,
  ResetPasswordRequest,
  ServiceClient,
  TokenPairView,
  VerifyEmailRequest,
} from '@platform/contracts';
import { AuthRateLimit } from '../rate-limit/rate-limit.decorators';
import { AuthResultSchema } from './identity.schemas';

/** Sign-up, sign-in and the token and password flows. Anyone may call them; most count per client IP. */
@ApiTags('auth')
@Controller('auth')
@Public()
export class AuthController {
  constructor(private readonly identity: ServiceClient) {}

  @Post('register')
  @AuthRateLimit()
  @ApiCreatedResponse({ type: AuthResultSchema, description: 'Email taken (any letter case) is 409' })
  register(@Body() body: RegisterRequest): Promise<AuthResultView> {
    return this.identity.send(IdentityPatterns.register, body);
  }

  @Post('login')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOkResponse({ type: AuthResultSchema, description: 'Wrong email or password: 401 INVALID_CREDENTIALS' })
  login(@Body() body: LoginRequest): Promise<AuthResultView> {
    return this.identity.send(IdentityPatterns.login, body);
  }

  @Post('refresh')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOkResponse({
    type: TokenPairView,
    description: 'A rotated token is 401 TOKEN_REUSED and revokes its session',
  })
  refresh(@Body() body: RefreshRequest): Promise<TokenPairView> {
    return this.identity.send(IdentityPatterns.refresh, body);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@Body() body: LogoutRequest): Promise<void> {
    await this.identity.send(IdentityPatterns.logout, body);
  }

  @Post('password/forgot')
  @HttpCode(202)
  @AuthRateLimit()
  @ApiAcceptedResponse({ description: 'The same answer whether or not the account exists' })
  async forgotPassword(@Body() body: ForgotPasswordRequest): Promise<void> {
    await this.identity.send(IdentityPatterns.forgotPassword, body);
  }

  @Post('password/reset')
  @HttpCode(204)
  @AuthRateLimit()
  @ApiNoContentResponse({ description: 'Every session of the user is revoked' })
  async resetPassword(@Body() body: ResetPasswordRequest): Promise<void> {
    await this.identity.send(IdentityPatterns.resetPassword, body);
  }

  @Post('email/verify')
  @HttpCode(204)
  @AuthRateLimit()
  @ApiNoContentResponse()
  async verifyEmail(@Body() body: VerifyEmailRequest): Promise<void> {
    await this.identity.send(IdentityPatterns.verifyEmail, body);
  }
}
