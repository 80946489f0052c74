import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { AgencyEntity } from '../agencies/agency.entity';
import { DomainError } from '../common/errors/domain-error';
import { UserEntity } from '../users/user.entity';
import type { ActorResponse, LoginDto, TokenResponse } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import { verifyPassword } from './passwords';
import { permissionsOf } from './permissions';
import { RefreshTokensService } from './refresh-tokens.service';
import { TokensService } from './tokens.service';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    private readonly tokens: TokensService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Wrong username and wrong password are the same 401: nothing tells which one was wrong. */
  async login(dto: LoginDto, address: string): Promise<TokenResponse> {
    const username = dto.username.trim().toLowerCase();
    await this.throttle.assertNotLocked(username, address);
    const user = await this.users.findOneBy({ username, status: 'ACTIVE' });
    // A pending or deactivated account has no usable password: it fails exactly like a wrong one.
    const valid = await verifyPassword(user?.passwordHash ?? undefined, dto.password);
    if (!valid || user === null) {
      await this.throttle.recordFailure(username, address);
      throw new DomainError('INVALID_CREDENTIALS', 'Invalid username or password');
    }
    await this.throttle.reset(username);
    return this.session(user);
  }

  async refresh(refreshToken: string | null | undefined): Promise<TokenResponse> {
    const { userId, ...next } = await this.refreshTokens.rotate(refreshToken);
    const user = await this.users.findOneBy({ id: userId, status: 'ACTIVE' });
    if (user === null) throw new DomainError('UNAUTHENTICATED', 'Invalid or expired refresh token');
    return this.tokensFor(user, next);
  }

  /** A new session (token pair, new refresh family) for a user who just proved who they are. */
  async session(user: UserEntity): Promise<TokenResponse> {
    return this.tokensFor(user, await this.refreshTokens.issue(user.id));
  }

  logout(refreshToken: string | null | undefined): Promise<void> {
    return this.refreshTokens.revoke(refreshToken);
  }

  me(actor: Actor): ActorResponse {
    return { ...actor, permissions: permissionsOf(actor) };
  }

  /** The actor a user acts as: what their tokens carry. */
  async actorOf(user: UserEntity): Promise<Actor> {
    const agency = user.agencyId === null ? null : await this.agencies.findOneBy({ id: user.agencyId });
    return {
      id: user.id,
      kind: 'user',
      name: user.username,
      role: user.role,
      regionCode: user.regionCode,
      agencyId: user.agencyId,
      agencyCode: agency?.code ?? null,
    };
  }

  private async tokensFor(user: UserEntity, refresh: { refreshToken: string; refreshExpiresIn: number }): Promise<TokenResponse> {
    return { ...(await this.tokens.issue(await this.actorOf(user))), tokenType: 'Bearer', ...refresh };
  }
}
