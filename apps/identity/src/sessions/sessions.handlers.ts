import { Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import {
  IdentityPatterns,
  RequestHandler,
  RevokeSessionRequest,
  type SessionView,
} from '@platform/contracts';
import { SessionsService } from './sessions.service';

@Injectable()
export class SessionsHandlers {
  constructor(private readonly sessions: SessionsService) {}

  /** Signed in: own live sessions, most recently used first. */
  @RequestHandler(IdentityPatterns.listSessions)
  list(): Promise<SessionView[]> {
    return this.sessions.list(currentActor().userId);
  }

  /** Signed in: end one of your own sessions (another user's is NOT_FOUND). */
  @RequestHandler(IdentityPatterns.revokeSession)
  async revoke(request: RevokeSessionRequest): Promise<null> {
    await this.sessions.revokeOwn(currentActor().userId, request.sessionId);
    return null;
  }
}
