import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

export interface RotationInput {
  presentedHash: string;
  successorId: string;
  successorHash: string;
  idleTtlSeconds: number;
  ip: string | null;
  userAgent: string | null;
}

/** What is known of a token that could not be rotated, to tell why. */
export interface RefreshTokenState {
  tokenId: string;
  sessionId: string;
  userId: string;
  isRotated: boolean;
  isExpired: boolean;
  isWithinGrace: boolean;
  sessionRevoked: boolean;
  sessionExpired: boolean;
  successorHash: string | null;
  successorIsCurrent: boolean;
}

@Injectable()
export class RefreshTokensRepository extends BaseRepository<RefreshToken> {
  constructor(dataSource: DataSource) {
    super(dataSource, RefreshToken, { filterable: ['sessionId'], sortable: ['createdAt'] });
  }

  /**
   * Rotates the presented token in ONE statement: marks it rotated only if it is still
   * current, unexpired and its session live; inserts the successor; touches the session.
   * Two concurrent calls with one token: the second waits on the row lock, re-checks
   * `rotated_at IS NULL` against the committed row and matches nothing — exactly one wins.
   * A family revoked meanwhile makes the final UPDATE match nothing (re-checked too).
   */
  async rotate(input: RotationInput): Promise<{ sessionId: string; userId: string } | null> {
    const rows = await this.queryRows<{ session_id: string; user_id: string }>(
      `WITH rotated AS (
           UPDATE refresh_tokens t SET rotated_at = now()
             FROM sessions s
            WHERE t.token_hash = $1 AND t.rotated_at IS NULL AND t.expires_at > now()
              AND s.id = t.session_id AND s.revoked_at IS NULL AND s.expires_at > now()
           RETURNING t.id, t.session_id, s.expires_at AS session_expires_at
         ), successor AS (
           INSERT INTO refresh_tokens (id, session_id, token_hash, parent_id, created_at, expires_at)
           SELECT $2, r.session_id, $3, r.id, now(),
                  LEAST(now() + make_interval(secs => $4), r.session_expires_at)
             FROM rotated r
           RETURNING session_id
         )
         UPDATE sessions s
            SET last_used_at = now(), updated_at = now(),
                ip = COALESCE($5, s.ip), user_agent = COALESCE($6, s.user_agent)
           FROM successor
          WHERE s.id = successor.session_id AND s.revoked_at IS NULL
         RETURNING s.id AS session_id, s.user_id`,
      [
        input.presentedHash,
        input.successorId,
        input.successorHash,
        input.idleTtlSeconds,
        input.ip,
        input.userAgent,
      ],
    );
    const row = rows[0];
    return row ? { sessionId: row.session_id, userId: row.user_id } : null;
  }

  async stateOf(tokenHash: string, graceSeconds: number): Promise<RefreshTokenState | null> {
    const rows = await this.queryRows<Record<string, unknown>>(
      `SELECT t.id AS token_id, t.session_id, s.user_id,
                t.rotated_at IS NOT NULL AS is_rotated,
                t.expires_at <= now() AS is_expired,
                COALESCE(t.rotated_at > now() - make_interval(secs => $2), false) AS is_within_grace,
                s.revoked_at IS NOT NULL AS session_revoked,
                s.expires_at <= now() AS session_expired,
                c.token_hash AS successor_hash,
                COALESCE(c.rotated_at IS NULL AND c.expires_at > now(), false) AS successor_is_current
           FROM refresh_tokens t
           JOIN sessions s ON s.id = t.session_id
           LEFT JOIN refresh_tokens c ON c.parent_id = t.id
          WHERE t.token_hash = $1`,
      [tokenHash, graceSeconds],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      tokenId: row.token_id as string,
      sessionId: row.session_id as string,
      userId: row.user_id as string,
      isRotated: row.is_rotated as boolean,
      isExpired: row.is_expired as boolean,
      isWithinGrace: row.is_within_grace as boolean,
      sessionRevoked: row.session_revoked as boolean,
      sessionExpired: row.session_expired as boolean,
      successorHash: (row.successor_hash as string | null) ?? null,
      successorIsCurrent: row.successor_is_current as boolean,
    };
  }

  async sessionIdOf(tokenHash: string): Promise<string | null> {
    const token = await this.guard(() =>
      this.select().andWhere(`${this.alias}.token_hash = :tokenHash`, { tokenHash }).getOne(),
    );
    return token?.sessionId ?? null;
  }
}
