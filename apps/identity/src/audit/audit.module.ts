import { Module } from '@nestjs/common';
import { SecurityAuditLog } from './security-audit-log';
import { SecurityEventsRepository } from './security-events.repository';

@Module({
  providers: [SecurityEventsRepository, SecurityAuditLog],
  exports: [SecurityEventsRepository, SecurityAuditLog],
})
export class AuditModule {}
