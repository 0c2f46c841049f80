import { Module } from '@nestjs/common';
import { AccountTokensModule } from '../account-tokens/account-tokens.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { EmailVerificationHandlers } from './email-verification.handlers';
import { EmailVerificationService } from './email-verification.service';

@Module({
  imports: [AccountTokensModule, AuditModule, UsersModule],
  providers: [EmailVerificationService, EmailVerificationHandlers],
  exports: [EmailVerificationService],
})
export class EmailVerificationModule {}
