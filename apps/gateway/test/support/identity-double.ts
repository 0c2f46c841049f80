import { Inject, Injectable, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  type AppError,
  ConflictError,
  NatsModule,
  NotFoundError,
  PlatformModule,
  RequestContext,
  type RequestContextData,
  type Role,
  UnauthenticatedError,
  createHttpAdapter,
} from '@platform/common';
import {
  AdminUpdateUserRequest,
  type AuthResultView,
  IdentityPatterns,
  type JwksView,
  ListUsersQuery,
  LoginRequest,
  LogoutRequest,
  type Page,
  PublicProfileRequest,
  type PublicProfileView,
  RefreshRequest,
  RegisterRequest,
  RequestHandler,
  RequestReplyModule,
  RevokeSessionRequest,
  type SessionView,
  type TokenPairView,
  UpdateProfileRequest,
  type UserView,
} from '@platform/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SigningKey, createSigningKey, signAccessToken } from './tokens';

/** What one call to the double carried: its subject, validated body and the caller's context. */
export interface RecordedCall {
  subject: string;
  request: unknown;
  context: RequestContextData | undefined;
}

/** The double's knobs and its record of calls; tests read and set these directly. */
export class IdentityDoubleState {
  calls: RecordedCall[] = [];
  jwksCalls = 0;
  /** Keys published at the JWKS endpoint (the signing key first). */
  published: SigningKey[] = [];
  /** Delay before `me` answers (504 tests). */
  meDelayMs = 0;
  /** Thrown by the next `me` call instead of answering (error-mapping tests). */
  failNextMe?: Error;

  lastCall(subject: string): RecordedCall | undefined {
    return [...this.calls].reverse().find((call) => call.subject.endsWith(subject));
  }
}

const STATE = Symbol('IDENTITY_DOUBLE_STATE');
export const KNOWN_PASSWORD = 'correct horse battery';
export const TAKEN_EMAIL = 'taken@example.com';
export const LOCKED_EMAIL = 'locked@example.com';
export const MISSING_USER_ID = '01890000-0000-7000-8000-00000000dead';

function userView(id: string, roles: readonly Role[], patch: Partial<UserView> = {}): UserView {
  const now = new Date().toISOString();
  return {
    id,
    email: 'ada@example.com',
    emailVerified: true,
    name: 'Ada',
    roles: [...roles],
    status: 'active',
    bio: null,
    avatarUrl: null,
    headline: null,
    locale: null,
    timezone: null,
    region: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...patch,
  };
}

/**
 * A stand-in for the identity service (not on this branch): real @RequestHandler methods over
 * real NATS, signing real ES256 tokens and serving their JWKS, with just enough behaviour
 * to exercise every gateway route and every error family.
 */
@Injectable()
class IdentityDoubleHandlers {
  constructor(@Inject(STATE) private readonly state: IdentityDoubleState) {}

  private record(subject: string, request: unknown): RequestContextData | undefined {
    const context = RequestContext.current();
    this.state.calls.push({ subject, request, context });
    return context;
  }

  private async tokens(userId: string, roles: Role[]): Promise<TokenPairView> {
    const key = this.state.published[0];
    if (!key) throw new Error('no signing key');
    return {
      accessToken: await signAccessToken(key, { userId, roles }),
      refreshToken: 'r'.repeat(32),
      expiresIn: 900,
    };
  }

  @RequestHandler(IdentityPatterns.register)
  async register(request: RegisterRequest): Promise<AuthResultView> {
    this.record('register', request);
    if (request.email === TAKEN_EMAIL) throw new ConflictError('Email taken', { code: 'ALREADY_EXISTS' });
    const user = userView('01890000-0000-7000-8000-000000000001', [request.role ?? 'student'], {
      email: request.email,
      name: request.name,
    });
    return { user, ...(await this.tokens(user.id, user.roles)) };
  }

  @RequestHandler(IdentityPatterns.login)
  async login(request: LoginRequest): Promise<AuthResultView> {
    this.record('login', request);
    if (request.email === LOCKED_EMAIL) {
      throw new ConflictError('Too many failed sign-ins', {
        code: 'ACCOUNT_LOCKED',
        details: { retryAfterSeconds: 42 },
      });
    }
    if (request.password !== KNOWN_PASSWORD) {
      throw new UnauthenticatedError('Wrong email or password', { code: 'INVALID_CREDENTIALS' });
    }
    const user = userView('01890000-0000-7000-8000-000000000001', ['student'], { email: request.email });
    return { user, ...(await this.tokens(user.id, user.roles)) };
  }

  @RequestHandler(IdentityPatterns.refresh)
  async refresh(request: RefreshRequest): Promise<TokenPairView> {
    this.record('refresh', request);
    if (request.refreshToken.startsWith('reused')) {
      throw new UnauthenticatedError('Refresh token reused', { code: 'TOKEN_REUSED' });
    }
    return this.tokens('01890000-0000-7000-8000-000000000001', ['student']);
  }

  @RequestHandler(IdentityPatterns.logout)
  logout(request: LogoutRequest): null {
    this.record('logout', request);
    return null;
  }

  @RequestHandler(IdentityPatterns.forgotPassword)
  forgotPassword(request: unknown): null {
    this.record('forgot', request);
    return null;
  }

  @RequestHandler(IdentityPatterns.resetPassword)
  resetPassword(request: unknown): null {
    this.record('reset', request);
    return null;
  }

  @RequestHandler(IdentityPatterns.verifyEmail)
  verifyEmail(request: unknown): null {
    this.record('verify', request);
    return null;
  }

  @RequestHandler(IdentityPatterns.listSessions)
  listSessions(request: unknown): SessionView[] {
    const context = this.record('sessions.list', request);
    const now = new Date().toISOString();
    return [
      {
        id: '01890000-0000-7000-8000-0000000000a1',
        createdAt: now,
        lastUsedAt: now,
        expiresAt: now,
        userAgent: context?.userAgent ?? null,
        ip: context?.clientIp ?? null,
      },
    ];
  }

  @RequestHandler(IdentityPatterns.revokeSession)
  revokeSession(request: RevokeSessionRequest): null {
    this.record('sessions.revoke', request);
    if (request.sessionId === MISSING_USER_ID) throw NotFoundError.forEntity('Session', request.sessionId);
    return null;
  }

  @RequestHandler(IdentityPatterns.jwks)
  jwks(): JwksView {
    this.state.jwksCalls += 1;
    return { keys: this.state.published.map((key) => key.publicJwk) };
  }

  @RequestHandler(IdentityPatterns.me)
  async me(request: unknown): Promise<UserView> {
    const context = this.record('me', request);
    if (this.state.meDelayMs > 0) await sleep(this.state.meDelayMs);
    const failure = this.state.failNextMe;
    if (failure) {
      this.state.failNextMe = undefined;
      throw failure;
    }
    return userView(context?.userId ?? 'nobody', context?.roles ?? []);
  }

  @RequestHandler(IdentityPatterns.updateMe)
  updateMe(request: UpdateProfileRequest): UserView {
    const context = this.record('update_me', request);
    return userView(context?.userId ?? 'nobody', context?.roles ?? [], request);
  }

  @RequestHandler(IdentityPatterns.deleteMe)
  deleteMe(request: unknown): null {
    this.record('delete_me', request);
    return null;
  }

  @RequestHandler(IdentityPatterns.publicProfile)
  publicProfile(request: PublicProfileRequest): PublicProfileView {
    this.record('get_public', request);
    if (request.userId === MISSING_USER_ID) throw NotFoundError.forEntity('User', request.userId);
    return {
      id: request.userId,
      name: 'Ada',
      bio: null,
      avatarUrl: null,
      headline: null,
      roles: ['instructor'],
    };
  }

  @RequestHandler(IdentityPatterns.listUsers)
  listUsers(request: ListUsersQuery): Page<UserView> {
    this.record('admin_users.list', request);
    return {
      items: [userView(MISSING_USER_ID, ['student'])],
      total: 1,
      limit: request.limit ?? 20,
      offset: request.offset ?? 0,
    };
  }

  @RequestHandler(IdentityPatterns.adminUpdateUser)
  adminUpdateUser(request: AdminUpdateUserRequest): UserView {
    this.record('admin_users.update', request);
    return userView(
      request.userId,
      request.roles ?? ['student'],
      request.status ? { status: request.status } : {},
    );
  }
}

export interface IdentityDouble {
  state: IdentityDoubleState;
  signingKey: SigningKey;
  close(): Promise<void>;
}

/** Starts the double answering under `subjectPrefix` on the test NATS server. */
export async function startIdentityDouble(natsUrl: string, subjectPrefix: string): Promise<IdentityDouble> {
  const state = new IdentityDoubleState();
  const signingKey = await createSigningKey();
  state.published = [signingKey];
  @Module({
    imports: [
      PlatformModule.forRoot({ service: 'identity', logLevel: 'silent' }),
      NatsModule.forRoot({ url: natsUrl, name: 'identity-double' }),
      RequestReplyModule.forService({ subjectPrefix, shutdownGraceMs: 2_000 }),
    ],
    providers: [IdentityDoubleHandlers, { provide: STATE, useValue: state }],
  })
  class IdentityDoubleModule {}
  const moduleRef = await Test.createTestingModule({ imports: [IdentityDoubleModule] }).compile();
  const app: INestApplication = moduleRef.createNestApplication(createHttpAdapter(), { logger: false });
  await app.init();
  return { state, signingKey, close: () => app.close() };
}

/** An AppError with a code no table knows, as a service built against a newer contract might send. */
export function errorWithUnknownCode(): AppError {
  const error = new ConflictError('details only the service should see');
  Object.defineProperty(error, 'code', { get: () => 'SOMETHING_NEW' });
  return error;
}
