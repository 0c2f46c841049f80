import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OptionalAuth } from '@platform/auth';
import {
  IdentityPatterns,
  type PublicProfileView,
  ServiceClient,
  UpdateProfileRequest,
  UserIdParam,
  type UserView,
} from '@platform/contracts';
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

  /** Anyone may look; a signed-in caller is forwarded so identity may show them more. */
  @Get(':id')
  @OptionalAuth()
  @ApiOkResponse({ type: PublicProfileSchema, description: 'A deleted user is 404' })
  publicProfile(@Param() params: UserIdParam): Promise<PublicProfileView> {
    return this.identity.send(IdentityPatterns.publicProfile, { userId: params.id });
  }
}
