import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '@platform/common';
import { PageQuery } from '../common/page';
import { IsTimeZone, Trim } from '../common/validators';

export const USER_STATUSES = ['active', 'locked', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** The signed-in user's own account. */
export interface UserView {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  roles: Role[];
  status: UserStatus;
  bio: string | null;
  avatarUrl: string | null;
  headline: string | null;
  locale: string | null;
  timezone: string | null;
  region: string | null;
  /** Send it back as `version` in PATCH /users/me to refuse to overwrite someone else's change. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What anyone may see of a user. */
export interface PublicProfileView {
  id: string;
  name: string;
  bio: string | null;
  avatarUrl: string | null;
  headline: string | null;
  roles: Role[];
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
}

/** `PATCH /users/me`: only the profile; email, roles and status change elsewhere. Null clears a field. */
export class UpdateProfileRequest {
  @ApiProperty({ required: false, maxLength: 100 })
  // Not @IsOptional(): that would let `null` through, and a name cannot be cleared.
  @ValidateIf((_, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiProperty({ required: false, nullable: true, maxLength: 2000 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  bio?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'https://cdn.example.com/a.png' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'avatarUrl must be an https URL' })
  @MaxLength(2048)
  avatarUrl?: string | null;

  @ApiProperty({ required: false, nullable: true, maxLength: 160 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(160)
  headline?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'en-GB' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/, {
    message: 'locale must be a BCP 47 tag such as en-GB',
  })
  locale?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'Europe/Berlin' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsTimeZone()
  timezone?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'eu', maxLength: 32 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'region must be 2-32 lower-case letters, digits or dashes' })
  region?: string | null;

  @ApiProperty({
    required: false,
    minimum: 1,
    description: 'The version last read; a stale one is 409 VERSION_CONFLICT instead of a lost update',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class UserIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class SessionIdParam extends UserIdParam {}

/** Fields `sort` accepts; `-` in front sorts descending, a comma list sorts by several. */
export const ADMIN_USER_SORT_FIELDS = ['createdAt', 'name', 'email'] as const;
export const ADMIN_USER_SORTS = ['createdAt', '-createdAt', 'name', '-name', 'email', '-email'] as const;
const SORT_TERM = `-?(${ADMIN_USER_SORT_FIELDS.join('|')})`;
const ADMIN_USER_SORT_PATTERN = new RegExp(`^${SORT_TERM}(,${SORT_TERM})*$`);

/** `GET /admin/users?role=&status=&q=&sort=&limit=&offset=`. */
export class ListUsersQuery extends PageQuery {
  @ApiProperty({ required: false, enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiProperty({ required: false, enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiProperty({ required: false, description: 'Matches name or email, case-insensitively', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** One field (`-name`) or several by priority (`name,-createdAt`); anything else is 400 naming the allowed ones. */
  @ApiProperty({
    required: false,
    default: '-createdAt',
    example: 'name,-createdAt',
    description: `Comma list of ${ADMIN_USER_SORTS.join(', ')}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(ADMIN_USER_SORT_PATTERN, {
    message: `sort must be a comma list of ${ADMIN_USER_SORTS.join(', ')}`,
  })
  sort?: string;
}

/** `PATCH /admin/users/:id` body. */
export class AdminUpdateUserBody {
  @ApiProperty({ required: false, enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiProperty({ required: false, enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}

/** What the gateway sends identity for `PATCH /admin/users/:id`. */
export class AdminUpdateUserRequest extends AdminUpdateUserBody {
  @IsUUID()
  userId!: string;
}

export class RevokeSessionRequest {
  @IsUUID()
  sessionId!: string;
}

export class PublicProfileRequest {
  @IsUUID()
  userId!: string;
}
