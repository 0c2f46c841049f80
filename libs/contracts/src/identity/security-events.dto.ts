import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common/page';

/** One entry of identity's security audit log (never holds a secret). */
export interface SecurityEventView {
  id: string;
  /** e.g. `login.failed`, `token.reuse_detected`, `role.changed`. */
  type: string;
  userId: string | null;
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
  correlationId: string;
  details: Record<string, unknown>;
  createdAt: string;
}

/** `GET /admin/security-events?userId=&type=&limit=&offset=`, newest first. */
export class ListSecurityEventsQuery extends PageQuery {
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiProperty({ required: false, example: 'login.failed' })
  @IsOptional()
  @Matches(/^[a-z_]{1,24}\.[a-z_]{1,24}$/, { message: 'type must look like login.failed' })
  type?: string;
}
