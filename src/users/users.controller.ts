import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserListResponse, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Users in your region scope. */
  @Get()
  @Authenticated({ permission: 'user.read' })
  @ApiOkResponse({ type: UserListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<UserListResponse> {
    return this.users.list(actor, query);
  }

  /** Creates a user in your region scope. */
  @Post()
  @Authenticated({ permission: 'user.manage' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'USERNAME_TAKEN' })
  @ApiNotFoundResponse({ description: 'AGENCY_NOT_FOUND: agencyId names no agency' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  @Authenticated({ permission: 'user.read' })
  @ApiOkResponse({ type: UserResponse })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<UserResponse> {
    return this.users.get(actor, id);
  }

  /** Renames, (de)activates or resets the password of a user. */
  @Patch(':id')
  @Authenticated({ permission: 'user.manage' })
  @ApiOkResponse({ type: UserResponse })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(actor, id, dto);
  }
}
