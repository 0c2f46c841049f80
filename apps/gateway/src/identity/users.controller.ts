import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OptionalAuth } from '@platform/auth';
import {
  ChangePasswordRequest,
  IdentityPatterns,
  type PublicProfileView,
  ServiceClient,
  TokenPairView,
  UpdateProfileRequest,
  UserIdParam,
  type UserView,
} from '@platform/contracts';
import { AuthRateLimit } from '../rate-limit/rate-limit.decorators';
import { PublicProfileSchema, UserViewSchema } from './identity.schemas';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly identity: ServiceClient) {}

  @Get('me')
  @ApiOkResponse({ type: UserViewSchema })
  me(): Promise<UserView> {
    return this.identity.send(IdentityPatterns.me, {});
  }

  @Patch('me')
  @ApiOkResponse({ type: UserViewSchema })
  updateMe(@Body() body: UpdateProfileRequest): Promise<UserView> {
    return this.identity.send(IdentityPatterns.updateMe, body);
  }

  @Delete('me')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The account is soft-deleted and its sessions end' })
  async deleteMe(): Promise<void> {
    await this.identity.send(IdentityPatterns.deleteMe, {});
  }

  /**
   * Knowing the current password. Every session ends (a thief holding a refresh token is out)
   * and the caller gets a new pair. Counted per client IP like the sign-in routes: a stolen
   * access token must not become a way to guess the password.
   */
  @Post('me/password')
  @HttpCode(200)
  @AuthRateLimit()
  @ApiOkResponse({
    type: TokenPairView,
    description: 'A wrong current password is 401 INVALID_CREDENTIALS and counts towards the lockout',
  })
  changePassword(@Body() body: ChangePasswordRequest): Promise<TokenPairView> {
    return this.identity.send(IdentityPatterns.changePassword, body);
  }

  /** Anyone may look; a signed-in caller is forwarded so identity may show them more. */
  @Get(':id')
  @OptionalAuth()
  @ApiOkResponse({ type: PublicProfileSchema, description: 'A deleted user is 404' })
  publicProfile(@Param() params: UserIdParam): Promise<PublicProfileView> {
    return this.identity.send(IdentityPatterns.publicProfile, { userId: params.id });
  }
}
