import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { IdentityPatterns, ServiceClient } from '@platform/contracts';
import { AuthRateLimit } from '../rate-limit/rate-limit.decorators';

/**
 * The signed-in user asks for another verification mail. Apart from AuthController because
 * that one is public as a whole; redeeming the mailed token (`POST /auth/email/verify`) is
 * there, since whoever holds the link may not be signed in on that device.
 */
@ApiTags('auth')
@Controller('auth/email')
export class EmailVerificationController {
  constructor(private readonly identity: ServiceClient) {}

  @Post('verification')
  @HttpCode(202)
  @AuthRateLimit()
  @ApiAcceptedResponse({
    description:
      'A new link is mailed, replacing the previous one; nothing happens when the email is already verified or a link went out within the mail cooldown (60 s by default)',
  })
  async request(): Promise<void> {
    await this.identity.send(IdentityPatterns.requestEmailVerification, {});
  }
}
