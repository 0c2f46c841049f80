import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersHandlers } from './users.handlers';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule, SessionsModule],
  providers: [UsersRepository, UsersService, UsersHandlers],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
