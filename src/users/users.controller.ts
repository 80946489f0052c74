import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { AccountSetupResponse, CreateUserDto, ListUsersQuery, UpdateUserDto, UserListResponse, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

const NOT_FOUND = 'USER_NOT_FOUND: no such user in your region scope (outside it looks the same, and is recorded in the security log)';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Users in your region scope, with their account status. */
  @Get()
  @Authenticated({ permission: 'user.read' })
  @ApiOkResponse({ type: UserListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<UserListResponse> {
    return this.users.list(actor, query);
  }

  /**
   * Creates an account in your region scope, without a password. An ADMIN account's one-time setup
   * code is in the answer; any other role stays PENDING_CONFIRMATION until a supervisor confirms it.
   */
  @Post()
  @Authenticated({ permission: 'user.manage' })
  @ApiCreatedResponse({ type: AccountSetupResponse })
  @ApiConflictResponse({ description: 'USERNAME_TAKEN' })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND: agencyId names no agency' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<AccountSetupResponse> {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  @Authenticated({ permission: 'user.read' })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<UserResponse> {
    return this.users.get(actor, id);
  }

  /** Renames or (de)activates a user; at least one field. */
  @Patch(':id')
  @Authenticated({ permission: 'user.manage' })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(actor, id, dto);
  }

  /**
   * Confirms an account waiting for a supervisor (or re-issues an expired code) and answers its
   * one-time setup code, to hand to the person. Supervisors of the account's region only.
   */
  @Post(':id/confirm')
  @HttpCode(200)
  @Authenticated({ permission: 'user.confirm' })
  @ApiOkResponse({ type: AccountSetupResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'ACCOUNT_NOT_PENDING: active, deactivated, or an ADMIN account (needs no confirmation)' })
  confirm(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AccountSetupResponse> {
    return this.users.confirm(actor, id);
  }

  /**
   * Clears the password and ends the user's sessions. The account goes back to PENDING_CONFIRMATION
   * (a supervisor confirms again), or, for an ADMIN account, the new setup code is in the answer.
   */
  @Post(':id/reset-password')
  @HttpCode(200)
  @Authenticated({ permission: 'user.manage' })
  @ApiOkResponse({ type: AccountSetupResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  resetPassword(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AccountSetupResponse> {
    return this.users.resetPassword(actor, id);
  }
}
