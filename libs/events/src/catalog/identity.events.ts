import { ROLES } from '@platform/common';
import { z } from 'zod';
import { defineEvent } from './define-event';

const role = z.enum(ROLES);

/** The public face of a user, carried whole so projections (e.g. instructor names) need no call back. */
const publicProfile = {
  userId: z.uuid(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  headline: z.string().nullable(),
};

export const UserRegistered = defineEvent({
  type: 'identity.user.registered',
  version: 1,
  description: 'A new account exists (self-registered or created by an admin).',
  schema: z.object({
    ...publicProfile,
    email: z.string(),
    roles: z.array(role),
    locale: z.string().nullable(),
  }),
});

export const UserUpdated = defineEvent({
  type: 'identity.user.updated',
  version: 1,
  description: 'Profile or status changed; carries the whole public profile after the change.',
  schema: z.object({
    ...publicProfile,
    status: z.enum(['active', 'locked', 'disabled']),
    changedFields: z.array(z.string()),
  }),
});

export const UserDeleted = defineEvent({
  type: 'identity.user.deleted',
  version: 1,
  description: 'The account was soft-deleted; projections keep what they showed, marked deleted.',
  schema: z.object({ userId: z.uuid() }),
});

export const UserRoleChanged = defineEvent({
  type: 'identity.user.role_changed',
  version: 1,
  description: 'An admin changed the roles of a user.',
  schema: z.object({ userId: z.uuid(), roles: z.array(role), previousRoles: z.array(role) }),
});

export const VerificationRequested = defineEvent({
  type: 'identity.user.verification_requested',
  version: 1,
  description: 'An email verification token for delivery by mail (single use, expiring).',
  schema: z.object({ userId: z.uuid(), email: z.string(), token: z.string(), expiresAt: z.iso.datetime() }),
});

export const PasswordResetRequested = defineEvent({
  type: 'identity.password.reset_requested',
  version: 1,
  description: 'A password reset token for delivery by mail (single use, expiring).',
  schema: z.object({ userId: z.uuid(), email: z.string(), token: z.string(), expiresAt: z.iso.datetime() }),
});

export const IDENTITY_EVENTS = [
  UserRegistered,
  UserUpdated,
  UserDeleted,
  UserRoleChanged,
  VerificationRequested,
  PasswordResetRequested,
] as const;
