import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateBy } from 'class-validator';
import type { Role } from '../../../workflows/contracts/actor';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/passwords';
import { normalizeRegionScope } from '../../../workflows/domain/region-code';
import { PageQuery } from '../../common/page.query';

/** Roles a person can hold (AGENCY_SYSTEM belongs to API keys only). */
export const USER_ROLES = ['CASE_WORKER', 'SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'ADMIN'] as const;

const toRegionScope = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? (normalizeRegionScope(value) ?? value) : value);

/** A region scope: province (`35`) or kab/kota (`35.14` or `3514`), stored plain. */
export function IsRegionScope(): PropertyDecorator {
  return ValidateBy({
    name: 'isRegionScope',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && normalizeRegionScope(value) === value,
      defaultMessage: () => '$property must be a province code ("35") or a kab/kota code ("35.14" / "3514")',
    },
  });
}

export const RegionScopeTransform = (): PropertyDecorator => Transform(toRegionScope);

export class CreateUserDto {
  /** Login name: 3–50 of a–z, 0–9, `.`, `_`, `-` (stored lower-case). */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(/^[a-z0-9._-]{3,50}$/, { message: 'username must be 3–50 characters of a–z, 0–9, ".", "_" or "-"' })
  username!: string;

  @IsString()
  @Length(1, 200)
  displayName!: string;

  /** Never logged, never returned. */
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: Exclude<Role, 'AGENCY_SYSTEM'>;

  /** Region scope; for AGENCY_OFFICER it is the agency's region and may be omitted. */
  @ApiPropertyOptional({ example: '35.14' })
  @IsOptional()
  @RegionScopeTransform()
  @IsRegionScope()
  regionCode?: string;

  /** Required for AGENCY_OFFICER, forbidden otherwise. */
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  /** false signs the user out everywhere (refresh tokens revoked) and blocks new logins. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** Sets a new password and revokes the user's refresh tokens. */
  @IsOptional()
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password?: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: Role;
}

export class UserResponse {
  id!: string;
  username!: string;
  displayName!: string;
  @ApiProperty({ enum: USER_ROLES })
  role!: Role;
  regionCode!: string;
  @ApiProperty({ type: String, nullable: true })
  agencyId!: string | null;
  active!: boolean;
  /** ISO-8601. */
  createdAt!: string;
}

export class UserListResponse {
  @ApiProperty({ type: [UserResponse] })
  items!: UserResponse[];
  total!: number;
}
