import { Injectable } from '@nestjs/common';
import { RequestContext, newId } from '@platform/common';
import { type SecurityEvent, type SecurityEventType } from './security-event.entity';
import { SecurityEventsRepository } from './security-events.repository';

export interface SecurityEventInput {
  /** The account concerned, if known. */
  userId?: string | null;
  /** Context for investigators; never a password, token or hash. */
  details?: Record<string, unknown>;
}

/**
 * Writes the security audit log. Called inside the transaction of the change it records
 * (so a rolled-back change leaves no entry), or on its own for refusals that change
 * nothing. Address, agent and correlation id come from the request context; the actor
 * is the signed-in caller, when there is one.
 */
@Injectable()
export class SecurityAuditLog {
  constructor(private readonly events: SecurityEventsRepository) {}

  async record(type: SecurityEventType, input: SecurityEventInput = {}): Promise<void> {
    const context = RequestContext.current();
    const entry: Partial<SecurityEvent> = {
      id: newId(),
      type,
      userId: input.userId ?? null,
      actorId: context?.userId ?? null,
      ip: context?.clientIp?.slice(0, 64) ?? null,
      userAgent: context?.userAgent?.slice(0, 256) ?? null,
      correlationId: context?.correlationId ?? newId(),
      details: input.details ?? {},
    };
    await this.events.create(entry);
  }
}
