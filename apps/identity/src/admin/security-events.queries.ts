import { Injectable } from '@nestjs/common';
import { type ListSecurityEventsQuery, type Page, type SecurityEventView } from '@platform/contracts';
import { type SecurityEvent } from '../audit/security-event.entity';
import { SecurityEventsRepository } from '../audit/security-events.repository';

/** The audit log as admins read it, newest first. */
@Injectable()
export class SecurityEventsQueries {
  constructor(private readonly events: SecurityEventsRepository) {}

  async list(query: ListSecurityEventsQuery): Promise<Page<SecurityEventView>> {
    const page = await this.events.list({
      filter: {
        userId: query.userId === undefined ? undefined : { eq: query.userId },
        type: query.type === undefined ? undefined : { eq: query.type as SecurityEvent['type'] },
      },
      limit: query.limit,
      offset: query.offset,
    });
    return {
      ...page,
      items: page.items.map((event) => ({
        id: event.id,
        type: event.type,
        userId: event.userId,
        actorId: event.actorId,
        ip: event.ip,
        userAgent: event.userAgent,
        correlationId: event.correlationId,
        details: event.details,
        createdAt: event.createdAt.toISOString(),
      })),
    };
  }
}
