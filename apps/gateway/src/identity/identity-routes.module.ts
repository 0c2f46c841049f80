import { Module } from '@nestjs/common';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { JwksController } from './jwks.controller';
import { SessionsController } from './sessions.controller';
import { UsersController } from './users.controller';

/** The identity routes of API.md, each a thin call of an IdentityPatterns operation. */
@Module({
  controllers: [AuthController, SessionsController, UsersController, AdminUsersController, JwksController],
})
export class IdentityRoutesModule {}

/** GET /.well-known/jwks.json at the root, outside /api/v1. */
@Module({ controllers: [JwksController] })
export class WellKnownModule {}
