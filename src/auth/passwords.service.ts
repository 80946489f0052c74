import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { DomainError } from '../common/errors/domain-error';
import type { SecurityTarget } from '../security-log/security-event';
import { SecurityLog } from '../security-log/security-log.service';
import { UserEntity } from '../users/user.entity';
import { AuthService } from './auth.service';
import type { ChangePasswordDto, SetupPasswordDto, TokenResponse } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { hashPassword, verifyPassword } from './passwords';
import { RefreshTokensService } from './refresh-tokens.service';
import { setupCodeHash } from './setup-codes';

const invalidCode = () => new DomainError('INVALID_SETUP_CODE', 'This setup code is wrong, used or expired; ask for a new one');
const target = (u: UserEntity): SecurityTarget => ({ kind: 'user', id: u.id, regionCode: u.regionCode });

/** The two ways a person sets their own password: with a one-time setup code, or with the current password. */
@Injectable()
export class PasswordsService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly throttle: LoginThrottleService,
    private readonly log: SecurityLog,
  ) {}

  /**
   * Sets the password of a PENDING_SETUP account and burns its code. A wrong, used or expired code is
   * one answer (401), counted against the client address like a failed login.
   */
  async setup(dto: SetupPasswordDto, address: string): Promise<void> {
    await this.throttle.assertNotLocked(null, address);
    const codeHash = setupCodeHash(dto.setupCode);
    const user = codeHash === undefined ? null : await this.users.findOneBy({ setupCodeHash: codeHash });
    if (codeHash === undefined || user === null || user.status !== 'PENDING_SETUP' || (user.setupCodeExpiresAt?.getTime() ?? 0) <= Date.now()) {
      await this.throttle.recordFailure(null, address);
      const detail = { code: 'INVALID_SETUP_CODE', ...(user === null ? {} : { role: user.role, status: user.status }) };
      await this.log.record(null, { action: 'PASSWORD_SETUP', outcome: 'REFUSED', target: user === null ? null : target(user), detail });
      throw invalidCode();
    }
    const passwordHash = await hashPassword(dto.password);
    const actor = await this.auth.actorOf(user);
    await this.dataSource.transaction(async (m) => {
      // Guarded by the code itself: of two requests racing with one code, one sets the password.
      const { affected } = await m.update(
        UserEntity,
        { id: user.id, setupCodeHash: codeHash, passwordHash: IsNull(), active: true, setupCodeExpiresAt: MoreThan(new Date()) },
        { passwordHash, setupCodeHash: null, setupCodeExpiresAt: null },
      );
      if (affected !== 1) throw invalidCode();
      await this.log.record(actor, { action: 'PASSWORD_SETUP', outcome: 'DONE', target: target(user), detail: { role: user.role, status: 'ACTIVE' } }, m);
    });
  }

  /**
   * Changes the signed-in user's password. Every refresh token of theirs is revoked; the answer is a
   * new session, the only one left. A wrong current password counts towards the account's lockout.
   */
  async change(actor: Actor, dto: ChangePasswordDto, address: string): Promise<TokenResponse> {
    const user = await this.users.findOneBy({ id: actor.id, status: 'ACTIVE' });
    const username = user?.username ?? actor.name;
    await this.throttle.assertNotLocked(username, address);
    const valid = await verifyPassword(user?.passwordHash ?? undefined, dto.currentPassword);
    if (!valid || user === null) {
      await this.throttle.recordFailure(username, address);
      const refused = { kind: 'user' as const, id: actor.id, regionCode: user?.regionCode ?? actor.regionCode };
      await this.log.record(actor, { action: 'PASSWORD_CHANGED', outcome: 'REFUSED', target: refused, detail: { code: 'WRONG_CURRENT_PASSWORD' } });
      throw new DomainError('WRONG_CURRENT_PASSWORD', 'The current password is wrong');
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.refreshTokens.revokeAllOf(user.id);
    await this.dataSource.transaction(async (m) => {
      await m.update(UserEntity, { id: user.id }, { passwordHash });
      await this.log.record(actor, { action: 'PASSWORD_CHANGED', outcome: 'DONE', target: target(user), detail: { role: user.role } }, m);
    });
    await this.throttle.reset(username);
    return this.auth.session(user);
  }
}
