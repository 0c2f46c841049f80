import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { SecurityEvent } from './security-event.entity';

@Injectable()
export class SecurityEventsRepository extends BaseRepository<SecurityEvent> {
  constructor(dataSource: DataSource) {
    super(dataSource, SecurityEvent, {
      filterable: ['type', 'userId', 'actorId', 'ip', 'correlationId', 'createdAt'],
      sortable: ['createdAt'],
      // Entries of one transaction share created_at; UUIDv7 ids keep them newest first too.
      defaultSort: { createdAt: 'DESC', id: 'DESC' },
    });
  }
}
