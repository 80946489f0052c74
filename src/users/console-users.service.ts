import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { NATIONAL_SCOPE } from '../auth/access';
import { hashPassword } from '../auth/passwords';
import { SecurityLog } from '../security-log/security-log.service';
import type { CreateUserDto, UserResponse } from './dto/user.dto';
import { UserEntity } from './user.entity';
import { toUserResponse, UsersService } from './users.service';

/** The operator at the console: national scope, acting as ADMIN, recorded as "cli". */
export const CONSOLE_ACTOR: Actor = { id: 'cli', kind: 'user', name: 'cli', role: 'ADMIN', regionCode: NATIONAL_SCOPE, agencyId: null, agencyCode: null };

/**
 * Accounts made at the console (`npm run user:create`) by the operator, who has the database anyway:
 * the first admin, and the first supervisor of a region (whom nobody could confirm). They get their
 * password at once. Provided to the console command only, never to the API.
 */
@Injectable()
export class ConsoleUsers {
  constructor(
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
    private readonly log: SecurityLog,
  ) {}

  async createActive(dto: CreateUserDto, password: string): Promise<UserResponse> {
    const created = await this.users.create(CONSOLE_ACTOR, dto);
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (m) => {
      await m.update(UserEntity, { id: created.id }, { passwordHash, setupCodeHash: null, setupCodeExpiresAt: null });
      const user = await m.findOneByOrFail(UserEntity, { id: created.id });
      const target = { kind: 'user' as const, id: user.id, regionCode: user.regionCode };
      await this.log.record(CONSOLE_ACTOR, { action: 'PASSWORD_SETUP', outcome: 'DONE', target, detail: { role: user.role, status: user.status } }, m);
      return toUserResponse(user);
    });
  }
}
