import { definePattern } from '../messaging/request-pattern';
import { type Page } from '../common/page';
import {
  type AuthResultView,
  ChangePasswordRequest,
  ForgotPasswordRequest,
  type JwksView,
  LoginRequest,
  LogoutRequest,
  RefreshRequest,
  RegisterRequest,
  ResetPasswordRequest,
  type TokenPairView,
  VerifyEmailRequest,
} from './auth.dto';
import {
  AdminUpdateUserRequest,
  ListUsersQuery,
  PublicProfileRequest,
  type PublicProfileView,
  RevokeSessionRequest,
  type SessionView,
  UpdateProfileRequest,
  type UserView,
} from './users.dto';
import { ListSecurityEventsQuery, type SecurityEventView } from './security-events.dto';

type Empty = Record<string, never>;

/**
 * The identity service's request/reply operations. The caller (user id, roles, client
 * address) travels in the message headers, never in these bodies.
 */
export const IdentityPatterns = {
  register: definePattern<RegisterRequest, AuthResultView>('identity.auth.register', RegisterRequest),
  login: definePattern<LoginRequest, AuthResultView>('identity.auth.login', LoginRequest),
  refresh: definePattern<RefreshRequest, TokenPairView>('identity.auth.refresh', RefreshRequest),
  logout: definePattern<LogoutRequest, null>('identity.auth.logout', LogoutRequest),
  forgotPassword: definePattern<ForgotPasswordRequest, null>(
    'identity.password.forgot',
    ForgotPasswordRequest,
  ),
  resetPassword: definePattern<ResetPasswordRequest, null>('identity.password.reset', ResetPasswordRequest),
  verifyEmail: definePattern<VerifyEmailRequest, null>('identity.email.verify', VerifyEmailRequest),
  /** Signed in: mail a new verification link (no-op when already verified). */
  requestEmailVerification: definePattern<Empty, null>('identity.email.request_verification'),
  /** Signed in: change the password knowing the current one; ends every session and starts a new one. */
  changePassword: definePattern<ChangePasswordRequest, TokenPairView>(
    'identity.password.change',
    ChangePasswordRequest,
  ),
  listSessions: definePattern<Empty, SessionView[]>('identity.sessions.list'),
  revokeSession: definePattern<RevokeSessionRequest, null>('identity.sessions.revoke', RevokeSessionRequest),
  jwks: definePattern<Empty, JwksView>('identity.jwks.get'),
  me: definePattern<Empty, UserView>('identity.users.me'),
  updateMe: definePattern<UpdateProfileRequest, UserView>('identity.users.update_me', UpdateProfileRequest),
  deleteMe: definePattern<Empty, null>('identity.users.delete_me'),
  publicProfile: definePattern<PublicProfileRequest, PublicProfileView>(
    'identity.users.get_public',
    PublicProfileRequest,
  ),
  listUsers: definePattern<ListUsersQuery, Page<UserView>>('identity.admin_users.list', ListUsersQuery),
  adminUpdateUser: definePattern<AdminUpdateUserRequest, UserView>(
    'identity.admin_users.update',
    AdminUpdateUserRequest,
  ),
  /** Admin: the security audit log, newest first. */
  listSecurityEvents: definePattern<ListSecurityEventsQuery, Page<SecurityEventView>>(
    'identity.security_events.list',
    ListSecurityEventsQuery,
  ),
} as const;
