import { Injectable } from '@nestjs/common';
import {
  type EventData,
  type EventEnvelope,
  EventHandler,
  UserDeleted,
  UserRegistered,
  UserUpdated,
} from '@platform/events';
import { UserProfilesService } from './user-profiles.service';

/** Feeds the user_profiles projection from identity's user events. */
@Injectable()
export class UserProfilesHandlers {
  constructor(private readonly profiles: UserProfilesService) {}

  @EventHandler(UserRegistered, { consumer: 'user-profiles-registered' })
  async onRegistered(event: EventEnvelope<EventData<typeof UserRegistered>>): Promise<void> {
    const { userId, name, avatarUrl, headline } = event.data;
    await this.profiles.applyProfile({ userId, name, avatarUrl, headline }, new Date(event.occurredAt));
  }

  @EventHandler(UserUpdated, { consumer: 'user-profiles-updated' })
  async onUpdated(event: EventEnvelope<EventData<typeof UserUpdated>>): Promise<void> {
    const { userId, name, avatarUrl, headline } = event.data;
    await this.profiles.applyProfile({ userId, name, avatarUrl, headline }, new Date(event.occurredAt));
  }

  @EventHandler(UserDeleted, { consumer: 'user-profiles-deleted' })
  async onDeleted(event: EventEnvelope<EventData<typeof UserDeleted>>): Promise<void> {
    await this.profiles.markDeleted(event.data.userId, new Date(event.occurredAt));
  }
}
