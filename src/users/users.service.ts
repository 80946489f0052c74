import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource, IsNull, Like, Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { villageInRegion } from '../../workflows/domain/village-code';
import { AgencyEntity } from '../agencies/agency.entity';
import { inRegionScope, NATIONAL_SCOPE, outOfScope, requireRegion } from '../auth/access';
import { RefreshTokensService } from '../auth/refresh-tokens.service';
import type { SetupCode } from '../auth/setup-codes';
import { newSetupCode } from '../auth/setup-codes';
import { DomainError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../database/pg-errors';
import { PUSKESOS } from '../puskesos/puskesos-intake.service';
import type { SecurityAction } from '../security-log/security-event';
import { SecurityLog } from '../security-log/security-log.service';
import { needsConfirmation } from './account-status';
import { NATIONAL_ROLES } from './dto/user.dto';
import type { AccountSetupResponse, CreateUserDto, ListUsersQuery, UpdateUserDto, UserListResponse, UserResponse } from './dto/user.dto';
import { UserEntity } from './user.entity';

/** Never exposes the password hash or the setup code's hash. */
export function toUserResponse(u: UserEntity): UserResponse {
  const { id, username, displayName, role, regionCode, agencyId, active, status } = u;
  return { id, username, displayName, role, regionCode, agencyId, villageCode: u.villageCode ?? null, active, status, createdAt: u.createdAt.toISOString() };
}

const withCode = (u: UserEntity, code: SetupCode | null): AccountSetupResponse => ({
  ...toUserResponse(u),
  setupCode: code?.code ?? null,
  setupCodeExpiresAt: code?.expiresAt.toISOString() ?? null,
});

const invalid = (field: string, message: string) => new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field, messages: [message] }]);
const notFound = () => new DomainError('USER_NOT_FOUND', 'No user with this id');
const target = (u: { id: string | null; regionCode: string }) => ({ kind: 'user' as const, id: u.id, regionCode: u.regionCode });

/**
 * Accounts, managed by admins, confirmed by supervisors. No password passes through here: an account
 * starts without one and the person sets it with a one-time code (docs/security.md, account lifecycle).
 * A user outside the caller's region scope is answered like a missing one, and the attempt recorded.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    private readonly dataSource: DataSource,
    private readonly refreshTokens: RefreshTokensService,
    private readonly log: SecurityLog,
  ) {}

  /** Accounts of the actor's scope; asking for a region outside it is refused, not emptied (as for cases). */
  async list(actor: Actor, query: ListUsersQuery): Promise<UserListResponse> {
    if (query.regionCode !== undefined) requireRegion(actor, query.regionCode);
    const [rows, total] = await this.users.findAndCount({
      where: { regionCode: query.regionCode ?? Like(`${actor.regionCode}%`), ...(query.role ? { role: query.role } : {}), ...(query.status ? { status: query.status } : {}) },
      order: { username: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toUserResponse), total };
  }

  async get(actor: Actor, id: string): Promise<UserResponse> {
    return toUserResponse(await this.load(actor, id, 'GET /users/:id'));
  }

  /** An admin account gets its setup code at once; every other role waits for a supervisor. */
  async create(actor: Actor, dto: CreateUserDto): Promise<AccountSetupResponse> {
    const regionCode = await this.regionFor(actor, dto);
    if (!inRegionScope(actor.regionCode, regionCode)) await this.log.refuse(actor, target({ id: null, regionCode }), 'POST /users', outOfScope());
    const code = needsConfirmation(dto.role) ? null : newSetupCode();
    try {
      return await this.changed(actor, 'USER_CREATED', async (m) => {
        const { id } = await m.save(
          m.create(UserEntity, {
            username: dto.username,
            displayName: dto.displayName,
            passwordHash: null,
            setupCodeHash: code?.hash ?? null,
            setupCodeExpiresAt: code?.expiresAt ?? null,
            role: dto.role,
            regionCode,
            agencyId: dto.agencyId ?? null,
          }),
        );
        return id;
      }, code);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('USERNAME_TAKEN', 'This username is taken');
      throw error;
    }
  }

  /** A supervisor covering the account's region vouches for the person and receives the setup code (again, if the last one expired). */
  async confirm(actor: Actor, id: string): Promise<AccountSetupResponse> {
    const user = await this.load(actor, id, 'POST /users/:id/confirm');
    if (!needsConfirmation(user.role) || (user.status !== 'PENDING_CONFIRMATION' && user.status !== 'PENDING_SETUP')) {
      throw new DomainError('ACCOUNT_NOT_PENDING', `This account (${user.status}, ${user.role}) awaits no confirmation`);
    }
    const code = newSetupCode();
    return this.changed(actor, 'USER_CONFIRMED', async (m) => {
      // Guarded: a password set meanwhile (or a deactivation) wins, and nothing is issued.
      const { affected } = await m.update(UserEntity, { id, passwordHash: IsNull(), active: true }, { setupCodeHash: code.hash, setupCodeExpiresAt: code.expiresAt });
      if (affected !== 1) throw new DomainError('ACCOUNT_NOT_PENDING', 'This account awaits no confirmation');
      return id;
    }, code);
  }

  /**
   * Clears the password, ends the user's sessions and restarts the setup: a supervisor confirms again
   * (case-file roles) or the admin receives the new code (admin accounts).
   */
  async resetPassword(actor: Actor, id: string): Promise<AccountSetupResponse> {
    const user = await this.load(actor, id, 'POST /users/:id/reset-password');
    const code = needsConfirmation(user.role) ? null : newSetupCode();
    await this.refreshTokens.revokeAllOf(id);
    return this.changed(actor, 'PASSWORD_RESET_REQUESTED', async (m) => {
      await m.update(UserEntity, { id }, { passwordHash: null, setupCodeHash: code?.hash ?? null, setupCodeExpiresAt: code?.expiresAt ?? null });
      return id;
    }, code);
  }

  /** Renames, (de)activates or posts a Puskesos officer to a village; each change is its own security event. */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    if (dto.displayName === undefined && dto.active === undefined && dto.villageCode === undefined) throw invalid('body', 'give displayName, active or villageCode');
    const user = await this.load(actor, id, 'PATCH /users/:id');
    if (dto.villageCode !== undefined) await this.checkPost(user, dto.villageCode);
    const actions: SecurityAction[] = [];
    if (dto.villageCode !== undefined && dto.villageCode !== user.villageCode) actions.push('USER_VILLAGE_SET');
    if (dto.displayName !== undefined && dto.displayName !== user.displayName) actions.push('USER_RENAMED');
    if (dto.active !== undefined && dto.active !== user.active) actions.push(dto.active ? 'USER_REACTIVATED' : 'USER_DEACTIVATED');
    if (dto.active === false) await this.refreshTokens.revokeAllOf(id);
    const saved = await this.dataSource.transaction(async (m) => {
      const { displayName, active, villageCode } = dto;
      await m.update(UserEntity, { id }, { ...(displayName !== undefined ? { displayName } : {}), ...(active !== undefined ? { active } : {}), ...(villageCode !== undefined ? { villageCode } : {}) });
      const after = await m.findOneByOrFail(UserEntity, { id });
      const post = after.villageCode === null ? {} : { villageCode: after.villageCode };
      for (const action of actions) await this.log.record(actor, { action, outcome: 'DONE', target: target(after), detail: { role: after.role, status: after.status, ...post } }, m);
      return after;
    });
    return toUserResponse(saved);
  }

  /** Runs a change and records it in one transaction; answers the account as it now stands, with the code issued, if any. */
  private changed(actor: Actor, action: SecurityAction, change: (m: EntityManager) => Promise<string>, code: SetupCode | null): Promise<AccountSetupResponse> {
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOneByOrFail(UserEntity, { id: await change(m) });
      const expiry = code === null ? {} : { setupCodeExpiresAt: code.expiresAt.toISOString() };
      await this.log.record(actor, { action, outcome: 'DONE', target: target(user), detail: { role: user.role, status: user.status, ...expiry } }, m);
      return withCode(user, code);
    });
  }

  /** The user, if it lies in the actor's scope; outside it, the same 404 as for no user, and a security event. */
  private async load(actor: Actor, id: string, route: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (user === null) throw notFound();
    if (!inRegionScope(actor.regionCode, user.regionCode)) await this.log.refuse(actor, target(user), route, notFound());
    return user;
  }

  /** A post is a village of the officer's own kab/kota, for an officer of a village Puskesos only (docs/puskesos.md). */
  private async checkPost(user: UserEntity, villageCode: string | null): Promise<void> {
    const agency = user.agencyId === null ? null : await this.agencies.findOneBy({ id: user.agencyId });
    if (user.role !== 'AGENCY_OFFICER' || agency?.code !== PUSKESOS) throw invalid('villageCode', 'villageCode is the post of a Puskesos officer only');
    if (villageCode !== null && !villageInRegion(villageCode, user.regionCode)) throw invalid('villageCode', `villageCode must be a desa/kelurahan of region ${user.regionCode}`);
  }

  /** An agency officer's scope is their agency's region; every other role states its own. */
  private async regionFor(actor: Actor, dto: CreateUserDto): Promise<string> {
    if (dto.role !== 'AGENCY_OFFICER') {
      if (dto.agencyId !== undefined) throw invalid('agencyId', 'agencyId is only for AGENCY_OFFICER');
      if (dto.regionCode === undefined) throw invalid('regionCode', 'regionCode is required');
      if (dto.regionCode === NATIONAL_SCOPE && !(NATIONAL_ROLES as readonly string[]).includes(dto.role)) {
        throw invalid('regionCode', `the national scope ("") is for ${NATIONAL_ROLES.join(', ')} only`);
      }
      return dto.regionCode;
    }
    if (dto.agencyId === undefined) throw invalid('agencyId', 'agencyId is required for AGENCY_OFFICER');
    const agency = await this.agencies.findOneBy({ id: dto.agencyId });
    const absent = new DomainError('AGENCY_NOT_FOUND', 'No agency with this id');
    if (agency === null) throw absent;
    // An agency outside the caller's scope looks absent, before anything else is said about it.
    if (!inRegionScope(actor.regionCode, agency.regionCode)) await this.log.refuse(actor, { kind: 'agency', id: agency.id, regionCode: agency.regionCode }, 'POST /users', absent);
    if (dto.regionCode !== undefined && dto.regionCode !== agency.regionCode) {
      throw invalid('regionCode', "an agency officer's region is the agency's region");
    }
    return agency.regionCode;
  }
}
