import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@platform/auth';
import {
  AdminUpdateUserBody,
  IdentityPatterns,
  ListUsersQuery,
  type Page,
  ServiceClient,
  UserIdParam,
  type UserView,
} from '@platform/contracts';
import { UserPageSchema, UserViewSchema } from './identity.schemas';

@ApiTags('admin')
@Controller('admin/users')
@Roles('admin')
export class AdminUsersController {
  constructor(private readonly identity: ServiceClient) {}

  @Get()
  @ApiOkResponse({ type: UserPageSchema })
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.identity.send(IdentityPatterns.listUsers, query);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserViewSchema })
  update(@Param() params: UserIdParam, @Body() body: AdminUpdateUserBody): Promise<UserView> {
    return this.identity.send(IdentityPatterns.adminUpdateUser, { ...body, userId: params.id });
  }
}
