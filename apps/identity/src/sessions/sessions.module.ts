import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsHandlers } from './sessions.handlers';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [AuditModule],
  providers: [SessionsRepository, RefreshTokensRepository, SessionsService, SessionsHandlers],
  exports: [SessionsService],
})
export class SessionsModule {}
