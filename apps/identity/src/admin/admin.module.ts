import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AdminAccess } from './admin-access';
import { AdminBootstrap } from './admin-bootstrap';
import { AdminUsersHandlers } from './admin-users.handlers';
import { AdminUsersService } from './admin-users.service';
import { SecurityEventsQueries } from './security-events.queries';

@Module({
  imports: [AuditModule, SessionsModule, UsersModule],
  providers: [AdminAccess, AdminUsersService, AdminUsersHandlers, AdminBootstrap, SecurityEventsQueries],
  exports: [AdminBootstrap],
})
export class AdminModule {}
