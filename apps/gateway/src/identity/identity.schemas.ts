import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@platform/common';
import {
  type AuthResultView,
  type JsonWebKeyView,
  type JwksView,
  type Page,
  type PublicProfileView,
  type SecurityEventView,
  type SessionView,
  TokenPairView,
  USER_STATUSES,
  type UserStatus,
  type UserView,
} from '@platform/contracts';

/*
 * Response shapes for the OpenAPI document only. The contracts declare views as interfaces
 * (nothing to validate on the way out); `implements` makes the compiler fail here the day
 * a view gains a field these do not document.
 */

export class UserViewSchema implements UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ enum: USER_STATUSES }) status!: UserStatus;
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ type: String, nullable: true }) avatarUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) headline!: string | null;
  @ApiProperty({ type: String, nullable: true }) locale!: string | null;
  @ApiProperty({ type: String, nullable: true }) timezone!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ minimum: 1, description: 'Send it back in PATCH /users/me to refuse lost updates (409)' })
  version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AuthResultSchema extends TokenPairView implements AuthResultView {
  @ApiProperty({ type: UserViewSchema }) user!: UserViewSchema;
}

export class PublicProfileSchema implements PublicProfileView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ type: String, nullable: true }) avatarUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) headline!: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
}

export class SessionViewSchema implements SessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) lastUsedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
}

export class UserPageSchema implements Page<UserView> {
  @ApiProperty({ type: UserViewSchema, isArray: true }) items!: UserViewSchema[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class JsonWebKeySchema implements JsonWebKeyView {
  @ApiProperty({ example: 'EC' }) kty!: string;
  @ApiProperty() kid!: string;
  @ApiProperty({ example: 'ES256' }) alg!: string;
  @ApiProperty({ enum: ['sig'] }) use!: 'sig';
  @ApiProperty({ required: false, example: 'P-256' }) crv?: string;
  @ApiProperty({ required: false }) x?: string;
  @ApiProperty({ required: false }) y?: string;
}

export class JwksSchema implements JwksView {
  @ApiProperty({ type: JsonWebKeySchema, isArray: true }) keys!: JsonWebKeySchema[];
}

export class SecurityEventViewSchema implements SecurityEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'login.failed' }) type!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who did it, when not the user' })
  actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Never a password, token or hash' })
  details!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SecurityEventPageSchema implements Page<SecurityEventView> {
  @ApiProperty({ type: SecurityEventViewSchema, isArray: true }) items!: SecurityEventViewSchema[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
