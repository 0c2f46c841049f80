import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@platform/auth';
import { IdentityPatterns, type JwksView, ServiceClient } from '@platform/contracts';
import { JwksSchema } from './identity.schemas';

/**
 * identity's public signing keys (RFC 7517), served at the root (where JWT libraries look)
 * and under /api/v1. Clients may cache it for five minutes: a verifier that meets an unknown
 * `kid` refetches (as the gateway's own verifier does).
 */
@ApiTags('auth')
@Controller('.well-known')
@Public()
export class JwksController {
  constructor(private readonly identity: ServiceClient) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ type: JwksSchema })
  jwks(): Promise<JwksView> {
    return this.identity.send(IdentityPatterns.jwks, {});
  }
}
