import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { Role } from '../../../workflows/contracts/actor';
import { ROLES } from '../../../workflows/contracts/actor';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords';

export class LoginDto {
  @IsString()
  @Length(1, 100)
  username!: string;

  /** Never logged, never returned. */
  @IsString()
  @Length(1, 200)
  password!: string;
}

export class SetupPasswordDto {
  /** The one-time code from the supervisor who confirmed the account (an admin account: from the admin). Case, spaces and hyphens do not matter. */
  @ApiProperty({ example: '7K3Q-M9XD-2HRT-W4BN-8CEV' })
  @IsString()
  @Length(1, 64)
  setupCode!: string;

  /** The new password. Never logged, never returned. */
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;
}

export class ChangePasswordDto {
  @IsString()
  @Length(1, 200)
  currentPassword!: string;

  /** Never logged, never returned. */
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class RefreshDto {
  /** The refresh token from login or the previous refresh (single use). It is this route's credential: missing → 401. */
  @IsOptional()
  @IsString()
  @Length(1, 300)
  refreshToken?: string;
}

export class TokenResponse {
  /** JWT for `Authorization: Bearer …`. */
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn!: number;
  /** Single-use token for POST /auth/refresh. */
  refreshToken!: string;
  /** Seconds until the refresh token expires. */
  refreshExpiresIn!: number;
}

export class ActorResponse {
  /** User id, or `credential:<keyId>` for an agency system. */
  id!: string;
  @ApiProperty({ enum: ['user', 'agency-system'] })
  kind!: 'user' | 'agency-system';
  name!: string;
  @ApiProperty({ enum: ROLES })
  role!: Role;
  /** Region scope: kab/kota (4 digits) or province (2 digits). */
  regionCode!: string;
  @ApiProperty({ type: String, nullable: true })
  agencyId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  agencyCode!: string | null;
  /** Permissions of the role (before region and agency scoping). */
  permissions!: string[];
}
