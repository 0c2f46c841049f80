import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IdentityPatterns, ServiceClient, SessionIdParam, type SessionView } from '@platform/contracts';
import { SessionViewSchema } from './identity.schemas';

/** The signed-in user's own login sessions. */
@ApiTags('auth')
@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly identity: ServiceClient) {}

  @Get()
  @ApiOkResponse({ type: SessionViewSchema, isArray: true })
  list(): Promise<SessionView[]> {
    return this.identity.send(IdentityPatterns.listSessions, {});
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: "Another user's session is 404" })
  async revoke(@Param() params: SessionIdParam): Promise<void> {
    await this.identity.send(IdentityPatterns.revokeSession, { sessionId: params.id });
  }
}
