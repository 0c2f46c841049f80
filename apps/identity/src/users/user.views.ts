import { type PublicProfileView, type UserStatus, type UserView } from '@platform/contracts';
import { type EventData, type UserRegistered, type UserUpdated } from '@platform/events';
import { type User, effectiveStatus } from './user.entity';

/** The status a live account shows; `deleted` accounts are never shown. */
export function visibleStatus(user: User): UserStatus {
  const status = effectiveStatus(user);
  return status === 'deleted' ? 'disabled' : status;
}

/** The account as its owner (or an admin) sees it. Never the password hash or lockout counters. */
export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    name: user.name,
    roles: [...user.roles],
    status: visibleStatus(user),
    bio: user.bio,
    avatarUrl: user.avatarUrl,
    headline: user.headline,
    locale: user.locale,
    timezone: user.timezone,
    region: user.region,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function toPublicProfile(user: User): PublicProfileView {
  return {
    id: user.id,
    name: user.name,
    bio: user.bio,
    avatarUrl: user.avatarUrl,
    headline: user.headline,
    roles: [...user.roles],
  };
}

export function registeredPayload(user: User): EventData<typeof UserRegistered> {
  return {
    userId: user.id,
    name: user.name,
    avatarUrl: user.avatarUrl,
    headline: user.headline,
    email: user.email,
    roles: [...user.roles],
    locale: user.locale,
  };
}

export function updatedPayload(user: User, changedFields: string[]): EventData<typeof UserUpdated> {
  return {
    userId: user.id,
    name: user.name,
    avatarUrl: user.avatarUrl,
    headline: user.headline,
    status: visibleStatus(user),
    changedFields,
  };
}
