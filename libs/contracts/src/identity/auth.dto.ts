import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { NormalizeEmail, Trim } from '../common/validators';
import { type UserView } from './users.dto';

/** Roles a person may choose for themselves; admin is granted by an admin only. */
export const SELF_ASSIGNABLE_ROLES = ['student', 'instructor'] as const;
export type SelfAssignableRole = (typeof SELF_ASSIGNABLE_ROLES)[number];

/** NIST SP 800-63B: at least 8 characters; the upper bound keeps argon2 work per request bounded. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export class RegisterRequest {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password!: string;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: SELF_ASSIGNABLE_ROLES, required: false, default: 'student' })
  @IsOptional()
  @IsIn(SELF_ASSIGNABLE_ROLES, { message: 'role must be student or instructor' })
  role?: SelfAssignableRole;
}

export class LoginRequest {
  @ApiProperty({ example: 'ada@example.com' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, PASSWORD_MAX)
  password!: string;
}

/** Refresh tokens are opaque strings; the bounds only stop absurd input early. */
export class RefreshRequest {
  @ApiProperty()
  @IsString()
  @Length(16, 512)
  refreshToken!: string;
}

export class LogoutRequest extends RefreshRequest {}

export class ForgotPasswordRequest {
  @ApiProperty({ example: 'ada@example.com' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class ResetPasswordRequest {
  @ApiProperty()
  @IsString()
  @Length(16, 512)
  token!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword!: string;
}

/** `POST /users/me/password`: the signed-in user changes their password; every session ends, a new one starts. */
export class ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @Length(1, PASSWORD_MAX)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword!: string;
}

export class VerifyEmailRequest {
  @ApiProperty()
  @IsString()
  @Length(16, 512)
  token!: string;
}

export class TokenPairView {
  @ApiProperty({ description: 'Short-lived JWT for `Authorization: Bearer`' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque, single use: every refresh returns a new one' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;
}

export interface AuthResultView extends TokenPairView {
  user: UserView;
}

/** A public signing key (RFC 7517) as served at /.well-known/jwks.json. */
export interface JsonWebKeyView {
  kty: string;
  kid: string;
  alg: string;
  use: 'sig';
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
}

export interface JwksView {
  keys: JsonWebKeyView[];
}
