import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { type Session, type SessionRevokeReason, Session as SessionEntity } from './session.entity';

/** A session as its owner sees it; `expiresAt` is when its current refresh token stops working. */
export interface LiveSession {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class SessionsRepository extends BaseRepository<Session> {
  constructor(dataSource: DataSource) {
    super(dataSource, SessionEntity, {
      filterable: ['userId'],
      sortable: ['createdAt', 'lastUsedAt'],
      defaultSort: { lastUsedAt: 'DESC' },
    });
  }

  /** Ends one session; false when it was not live. */
  async revoke(sessionId: string, reason: SessionRevokeReason): Promise<boolean> {
    const rows = await this.queryRows<{ id: string }>(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2, updated_at = now()
          WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [sessionId, reason],
    );
    return rows.length > 0;
  }

  /** Ends every live session of a user; returns their ids. */
  async revokeAllOfUser(userId: string, reason: SessionRevokeReason): Promise<string[]> {
    const rows = await this.queryRows<{ id: string }>(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2, updated_at = now()
          WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId, reason],
    );
    return rows.map((row) => row.id);
  }

  /** Sessions that can still be refreshed: not revoked, not past either expiry; most recently used first. */
  async listLive(userId: string): Promise<LiveSession[]> {
    const rows = await this.queryRows<Record<string, unknown>>(
      `SELECT s.id, s.created_at, s.last_used_at, s.ip, s.user_agent, MIN(t.expires_at) AS expires_at
           FROM sessions s
           JOIN refresh_tokens t ON t.session_id = s.id AND t.rotated_at IS NULL AND t.expires_at > now()
          WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          GROUP BY s.id
          ORDER BY s.last_used_at DESC, s.id`,
      [userId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      createdAt: row.created_at as Date,
      lastUsedAt: row.last_used_at as Date,
      expiresAt: row.expires_at as Date,
      ip: row.ip as string | null,
      userAgent: row.user_agent as string | null,
    }));
  }

  async touch(sessionId: string, ip: string | null, userAgent: string | null): Promise<void> {
    await this.queryRows(
      `UPDATE sessions SET last_used_at = now(), updated_at = now(),
                ip = COALESCE($2, ip), user_agent = COALESCE($3, user_agent)
          WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, ip, userAgent],
    );
  }

  /**
   * Deletes (with their tokens) up to `batch` sessions that ended more than `retentionSeconds`
   * ago: revoked, past their absolute expiry, or idle past their refresh token's lifetime.
   * Returns how many went; callers repeat until fewer than `batch`.
   */
  async purgeEnded(retentionSeconds: number, idleTtlSeconds: number, batch: number): Promise<number> {
    const rows = await this.queryRows<{ id: string }>(
      `DELETE FROM sessions WHERE id IN (
         SELECT id FROM sessions
          WHERE revoked_at < now() - make_interval(secs => $1)
             OR expires_at < now() - make_interval(secs => $1)
             OR last_used_at < now() - make_interval(secs => $1 + $2)
          LIMIT $3)
       RETURNING id`,
      [retentionSeconds, idleTtlSeconds, batch],
    );
    return rows.length;
  }
}
