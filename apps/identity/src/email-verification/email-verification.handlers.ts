import { Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import { IdentityPatterns, RequestHandler, VerifyEmailRequest } from '@platform/contracts';
import { EmailVerificationService } from './email-verification.service';

@Injectable()
export class EmailVerificationHandlers {
  constructor(private readonly verification: EmailVerificationService) {}

  /** Anyone holding the mailed token. */
  @RequestHandler(IdentityPatterns.verifyEmail)
  async verify(request: VerifyEmailRequest): Promise<null> {
    await this.verification.verify(request.token);
    return null;
  }

  /** Signed in: send the verification mail again. */
  @RequestHandler(IdentityPatterns.requestEmailVerification)
  async resend(): Promise<null> {
    await this.verification.resend(currentActor().userId);
    return null;
  }
}
