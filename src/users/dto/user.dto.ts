import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches, ValidateBy, ValidateIf } from 'class-validator';
import type { Role } from '../../../workflows/contracts/actor';
import { normalizeRegionScope } from '../../../workflows/domain/region-code';
import { NATIONAL_SCOPE } from '../../auth/access';
import { PageQuery } from '../../common/page.query';
import { FreeText } from '../../common/validation/free-text.decorator';
import { VillageCode } from '../../common/validation/village-code.decorator';
import { TEXT_LIMITS } from '../../../workflows/domain/free-text';
import type { AccountStatus } from '../account-status';
import { ACCOUNT_STATUSES } from '../account-status';

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

/** Roles an account may hold with the national scope (`""`): those that work across regions, never case work or an agency's inbox. */
export const NATIONAL_ROLES = ['ADMIN', 'SUPERVISOR', 'AUDITOR'] as const;

/** An account's region scope: a region scope as above, or `""`, the national scope (NATIONAL_ROLES only). */
export function IsAccountScope(): PropertyDecorator {
  return ValidateBy({
    name: 'isAccountScope',
    validator: {
      validate: (value: unknown) => value === NATIONAL_SCOPE || (typeof value === 'string' && normalizeRegionScope(value) === value),
      defaultMessage: () => '$property must be a province code ("35"), a kab/kota code ("35.14" / "3514") or "" (national scope)',
    },
  });
}

export const RegionScopeTransform = (): PropertyDecorator => Transform(toRegionScope);

/**
 * A new account, without a password: the person sets it with a one-time setup code (an admin's
 * account: the code is in the answer; every other role: a supervisor confirms and receives it).
 */
export class CreateUserDto {
  /** Login name: 3–50 of a–z, 0–9, `.`, `_`, `-` (stored lower-case). */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(/^[a-z0-9._-]{3,50}$/, { message: 'username must be 3–50 characters of a–z, 0–9, ".", "_" or "-"' })
  username!: string;

  @FreeText({ max: TEXT_LIMITS.name })
  displayName!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: Exclude<Role, 'AGENCY_SYSTEM'>;

  /**
   * Region scope: province (`32`), kab/kota (`32.72` / `3272`), or `""` for the national scope
   * (ADMIN, SUPERVISOR, AUDITOR; given by a national account only). Inside your own scope. For
   * AGENCY_OFFICER it is the agency's region and may be omitted.
   */
  @ApiPropertyOptional({ example: '32.72' })
  @IsOptional()
  @RegionScopeTransform()
  @IsAccountScope()
  regionCode?: string;

  /** Required for AGENCY_OFFICER, forbidden otherwise. */
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

/** At least one field; a password is never set here (POST /users/:id/reset-password). */
export class UpdateUserDto {
  @FreeText({ max: TEXT_LIMITS.name, optional: true })
  displayName?: string;

  /**
   * An officer of a village Puskesos (agency `PUSKESOS`) only: their post, the desa/kelurahan
   * (Kemendagri, dotted or plain; inside the officer's kab/kota) where they take complaints in and whose
   * intake tasks they work; null removes it (docs/puskesos.md).
   */
  @ApiPropertyOptional({ type: String, nullable: true, example: '73.03.02.2005' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @VillageCode()
  villageCode?: string | null;

  /** false signs the user out everywhere (refresh tokens revoked) and blocks new logins; true reactivates. */
  @ValidateIf((_o, v) => v !== undefined)
  @IsBoolean()
  active?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: Role;

  /** Accounts of exactly this region (`32` or `32.72`); it must lie in your scope (otherwise 403 OUT_OF_SCOPE). */
  @ApiPropertyOptional({ example: '32.72' })
  @IsOptional()
  @RegionScopeTransform()
  @IsRegionScope()
  regionCode?: string;

  /** e.g. PENDING_CONFIRMATION: accounts waiting for a supervisor. */
  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES)
  status?: AccountStatus;
}

export class UserResponse {
  id!: string;
  username!: string;
  displayName!: string;
  @ApiProperty({ enum: USER_ROLES })
  role!: Role;
  /** Region scope: province (`32`), kab/kota (`3272`), or `""`: national. */
  regionCode!: string;
  @ApiProperty({ type: String, nullable: true })
  agencyId!: string | null;
  /** A village Puskesos officer's post: desa/kelurahan code, plain 10 digits (docs/puskesos.md); null for everyone else. */
  @ApiProperty({ type: String, nullable: true })
  villageCode!: string | null;
  /** False when deactivated (status DEACTIVATED). */
  active!: boolean;
  @ApiProperty({ enum: ACCOUNT_STATUSES })
  status!: AccountStatus;
  /** ISO-8601. */
  createdAt!: string;
}

/** An account and, when this answer issued one, its one-time setup code. */
export class AccountSetupResponse extends UserResponse {
  /** Hand it to the person, who sets a password with POST /auth/setup-password. Shown this once; only a hash is kept. Null when none was issued. */
  @ApiProperty({ type: String, nullable: true, example: '7K3Q-M9XD-2HRT-W4BN-8CEV' })
  setupCode!: string | null;
  /** ISO-8601; null when no code was issued. */
  @ApiProperty({ type: String, nullable: true })
  setupCodeExpiresAt!: string | null;
}

export class UserListResponse {
  @ApiProperty({ type: [UserResponse] })
  items!: UserResponse[];
  total!: number;
}
