import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EmailVerificationModule } from '../email-verification/email-verification.module';
import { SessionsModule } from '../sessions/sessions.module';
import { SigningKeysModule } from '../signing-keys/signing-keys.module';
import { UsersModule } from '../users/users.module';
import { AuthHandlers } from './auth.handlers';
import { AuthService } from './auth.service';
import { CredentialsVerifier } from './credentials-verifier';
import { TokenPairIssuer } from './token-pair-issuer';

@Module({
  imports: [AuditModule, UsersModule, SessionsModule, SigningKeysModule, EmailVerificationModule],
  providers: [AuthService, CredentialsVerifier, TokenPairIssuer, AuthHandlers],
  exports: [CredentialsVerifier, TokenPairIssuer],
})
export class AuthModule {}
