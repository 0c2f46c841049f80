import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@platform/auth';
import {
  IdentityPatterns,
  ListSecurityEventsQuery,
  type Page,
  type SecurityEventView,
  ServiceClient,
} from '@platform/contracts';
import { SecurityEventPageSchema } from './identity.schemas';

/** identity's security audit log (sign-ins, token reuse, password and role changes), newest first. */
@ApiTags('admin')
@Controller('admin/security-events')
@Roles('admin')
export class SecurityEventsController {
  constructor(private readonly identity: ServiceClient) {}

  @Get()
  @ApiOkResponse({ type: SecurityEventPageSchema })
  list(@Query() query: ListSecurityEventsQuery): Promise<Page<SecurityEventView>> {
    return this.identity.send(IdentityPatterns.listSecurityEvents, query);
  }
}
