import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { Role } from '../../../workflows/contracts/actor';
import { ROLES } from '../../../workflows/contracts/actor';

export class LoginDto {
  @IsString()
  @Length(1, 100)
  username!: string;

  /** Never logged, never returned. */
  @IsString()
  @Length(1, 200)
  password!: string;
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
