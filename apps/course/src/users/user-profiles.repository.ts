import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { currentEntityManager } from '@platform/database';
import { DataSource, In } from 'typeorm';
import { UserProfile } from './user-profile.entity';

export interface ProfileFields {
  userId: string;
  name: string;
  avatarUrl: string | null;
  headline: string | null;
}

/**
 * The projection's writes are upserts guarded by the event time, so that handlers of
 * different event types (separate consumers, no order between them) converge on the newest
 * profile whatever order they run in, and a redelivered event changes nothing. A deletion
 * freezes the name as it was at that moment: later profile events are ignored, earlier ones
 * that arrive after it still apply (else a deletion overtaking the registration would leave
 * the instructor's courses nameless for good).
 */
@Injectable()
export class UserProfilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get manager() {
    return currentEntityManager(this.dataSource);
  }

  async upsertProfile(profile: ProfileFields, asOf: Date): Promise<void> {
    await queryRows(
      this.manager,
      `INSERT INTO user_profiles (user_id, name, avatar_url, headline, profile_as_of)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE
         SET name = EXCLUDED.name, avatar_url = EXCLUDED.avatar_url, headline = EXCLUDED.headline,
             profile_as_of = EXCLUDED.profile_as_of, updated_at = now()
       WHERE (user_profiles.account_deleted_at IS NULL
              OR EXCLUDED.profile_as_of <= user_profiles.account_deleted_at)
         AND (user_profiles.profile_as_of IS NULL OR user_profiles.profile_as_of <= EXCLUDED.profile_as_of)`,
      [profile.userId, profile.name, profile.avatarUrl, profile.headline, asOf],
    );
  }

  /** Keeps the name; a deletion is final, so the earliest time wins (LEAST skips NULL). */
  async markDeleted(userId: string, deletedAt: Date): Promise<void> {
    await queryRows(
      this.manager,
      `INSERT INTO user_profiles (user_id, account_deleted_at) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE
         SET account_deleted_at = LEAST(user_profiles.account_deleted_at, EXCLUDED.account_deleted_at),
             updated_at = now()`,
      [userId, deletedAt],
    );
  }

  async findById(userId: string): Promise<UserProfile | null> {
    return this.manager.getRepository(UserProfile).findOneBy({ userId });
  }

  async findByIds(userIds: readonly string[]): Promise<UserProfile[]> {
    if (userIds.length === 0) return [];
    return this.manager.getRepository(UserProfile).findBy({ userId: In([...new Set(userIds)]) });
  }
}
