import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AccessTokenIssuer } from './access-token-issuer';
import { JwksHandlers } from './jwks.handlers';
import { SigningKeysRepository } from './signing-keys.repository';
import { SigningKeysService } from './signing-keys.service';

@Module({
  imports: [AuditModule],
  providers: [SigningKeysRepository, SigningKeysService, AccessTokenIssuer, JwksHandlers],
  exports: [SigningKeysService, AccessTokenIssuer],
})
export class SigningKeysModule {}
