import { Module } from '@nestjs/common';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { EmailVerificationController } from './email-verification.controller';
import { JwksController } from './jwks.controller';
import { SecurityEventsController } from './security-events.controller';
import { SessionsController } from './sessions.controller';
import { UsersController } from './users.controller';

/** The identity routes of API.md, each a thin call of an IdentityPatterns operation. */
@Module({
  controllers: [
    AuthController,
    EmailVerificationController,
    SessionsController,
    UsersController,
    AdminUsersController,
    SecurityEventsController,
    JwksController,
  ],
})
export class IdentityRoutesModule {}

/** GET /.well-known/jwks.json at the root, outside /api/v1. */
@Module({ controllers: [JwksController] })
export class WellKnownModule {}
