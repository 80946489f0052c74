import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Like, Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { AgencyEntity } from '../agencies/agency.entity';
import { requireRegion } from '../auth/access';
import { hashPassword } from '../auth/passwords';
import { RefreshTokensService } from '../auth/refresh-tokens.service';
import { DomainError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../database/pg-errors';
import type { CreateUserDto, ListUsersQuery, UpdateUserDto, UserListResponse, UserResponse } from './dto/user.dto';
import { UserEntity } from './user.entity';

/** Never exposes the password hash. */
export function toUserResponse(u: UserEntity): UserResponse {
  const { id, username, displayName, role, regionCode, agencyId, active } = u;
  return { id, username, displayName, role, regionCode, agencyId, active, createdAt: u.createdAt.toISOString() };
}

const invalid = (field: string, message: string) => new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field, messages: [message] }]);

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    private readonly refreshTokens: RefreshTokensService,
  ) {}

  async list(actor: Actor, query: ListUsersQuery): Promise<UserListResponse> {
    const [rows, total] = await this.users.findAndCount({
      where: { regionCode: Like(`${actor.regionCode}%`), ...(query.role ? { role: query.role } : {}) },
      order: { username: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toUserResponse), total };
  }

  async get(actor: Actor, id: string): Promise<UserResponse> {
    return toUserResponse(await this.load(actor, id));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponse> {
    const regionCode = await this.regionFor(dto);
    requireRegion(actor, regionCode);
    const user = this.users.create({
      username: dto.username,
      displayName: dto.displayName,
      passwordHash: await hashPassword(dto.password),
      role: dto.role,
      regionCode,
      agencyId: dto.agencyId ?? null,
    });
    try {
      return toUserResponse(await this.users.save(user));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('USERNAME_TAKEN', 'This username is taken');
      }
      throw error;
    }
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    const user = await this.load(actor, id);
    if (dto.displayName !== undefined) user.displayName = dto.displayName;
    if (dto.active !== undefined) user.active = dto.active;
    if (dto.password !== undefined) user.passwordHash = await hashPassword(dto.password);
    const saved = await this.users.save(user);
    if (dto.password !== undefined || dto.active === false) await this.refreshTokens.revokeAllOf(id);
    return toUserResponse(saved);
  }

  private async load(actor: Actor, id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (user === null) throw new DomainError('USER_NOT_FOUND', 'No user with this id');
    requireRegion(actor, user.regionCode);
    return user;
  }

  /** An agency officer's scope is their agency's region; every other role states its own. */
  private async regionFor(dto: CreateUserDto): Promise<string> {
    if (dto.role !== 'AGENCY_OFFICER') {
      if (dto.agencyId !== undefined) throw invalid('agencyId', 'agencyId is only for AGENCY_OFFICER');
      if (dto.regionCode === undefined) throw invalid('regionCode', 'regionCode is required');
      return dto.regionCode;
    }
    if (dto.agencyId === undefined) throw invalid('agencyId', 'agencyId is required for AGENCY_OFFICER');
    const agency = await this.agencies.findOneBy({ id: dto.agencyId });
    if (agency === null) throw new DomainError('AGENCY_NOT_FOUND', 'No agency with this id');
    if (dto.regionCode !== undefined && dto.regionCode !== agency.regionCode) {
      throw invalid('regionCode', "an agency officer's region is the agency's region");
    }
    return agency.regionCode;
  }
}
