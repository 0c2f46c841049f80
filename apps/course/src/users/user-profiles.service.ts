import { Injectable } from '@nestjs/common';
import { Transactional } from '@platform/database';
import { type ProfileFields, UserProfilesRepository } from './user-profiles.repository';

/** Display names of users as identity last announced them; no call to identity at read time. */
@Injectable()
export class UserProfilesService {
  constructor(private readonly profiles: UserProfilesRepository) {}

  /** identity.user.registered / identity.user.updated: the whole public profile after the change. */
  @Transactional()
  async applyProfile(profile: ProfileFields, occurredAt: Date): Promise<void> {
    await this.profiles.upsertProfile(profile, occurredAt);
  }

  /** identity.user.deleted: the account is gone, what it was called stays on its courses. */
  @Transactional()
  async markDeleted(userId: string, occurredAt: Date): Promise<void> {
    await this.profiles.markDeleted(userId, occurredAt);
  }

  async nameOf(userId: string): Promise<string | null> {
    return (await this.profiles.findById(userId))?.name ?? null;
  }

  /** Names by user id; unknown users are absent (their events have not arrived yet). */
  async namesOf(userIds: readonly string[]): Promise<Map<string, string | null>> {
    const found = await this.profiles.findByIds(userIds);
    return new Map(found.map((profile) => [profile.userId, profile.name]));
  }
}
