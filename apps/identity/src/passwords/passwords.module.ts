import { Module } from '@nestjs/common';
import { AccountTokensModule } from '../account-tokens/account-tokens.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { PasswordsHandlers } from './passwords.handlers';
import { PasswordsService } from './passwords.service';

@Module({
  imports: [AccountTokensModule, AuditModule, AuthModule, SessionsModule, UsersModule],
  providers: [PasswordsService, PasswordsHandlers],
})
export class PasswordsModule {}
