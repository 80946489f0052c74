import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { RefreshTokenEntity } from './refresh-token.entity';
import { hashSecret, newSecret, secretMatches, splitCompositeToken } from './secrets';

/** A refresh token as the request carried it: @IsOptional lets null through as well as a missing one. */
type PresentedToken = string | null | undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const invalid = () => new DomainError('UNAUTHENTICATED', 'Invalid or expired refresh token');

/** Refresh tokens with rotation and reuse detection. */
@Injectable()
export class RefreshTokensService {
  constructor(
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async issue(userId: string, familyId: string = randomUUID()): Promise<{ refreshToken: string; refreshExpiresIn: number }> {
    const id = randomUUID();
    const secret = newSecret();
    const ttl = this.config.auth.refreshTokenTtlSeconds;
    await this.tokens.insert({ id, userId, familyId, secretHash: hashSecret(secret), expiresAt: new Date(Date.now() + ttl * 1000), revokedAt: null });
    return { refreshToken: `${id}.${secret}`, refreshExpiresIn: ttl };
  }

  /**
   * Spends a refresh token: returns its user and a successor in the same family. A token that was
   * already spent (replayed, perhaps stolen) revokes the whole family instead.
   */
  async rotate(token: PresentedToken): Promise<{ userId: string; refreshToken: string; refreshExpiresIn: number }> {
    const row = await this.find(token);
    const revoked = await this.tokens
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND revoked_at IS NULL', { id: row.id })
      .execute();
    if (revoked.affected !== 1) {
      await this.revokeFamily(row.familyId);
      throw invalid();
    }
    if (row.expiresAt.getTime() <= Date.now()) throw invalid();
    return { userId: row.userId, ...(await this.issue(row.userId, row.familyId)) };
  }

  /** Logout: the token and its family stop working. Unknown tokens are ignored (nothing to reveal). */
  async revoke(token: PresentedToken): Promise<void> {
    if (typeof token !== 'string') throw invalid();
    const row = await this.find(token).catch(() => undefined);
    if (row !== undefined) await this.revokeFamily(row.familyId);
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.tokens.createQueryBuilder().update().set({ revokedAt: () => 'now()' }).where('user_id = :userId AND revoked_at IS NULL', { userId }).execute();
  }

  private async find(token: PresentedToken): Promise<RefreshTokenEntity> {
    const parts = typeof token === 'string' ? splitCompositeToken(token) : undefined;
    // Only a well-formed UUID reaches the uuid column (anything else made PostgreSQL fail: 500).
    const row = parts && UUID.test(parts.id) ? await this.tokens.findOneBy({ id: parts.id }) : null;
    if (!parts || row === null || !secretMatches(parts.secret, row.secretHash)) throw invalid();
    return row;
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.createQueryBuilder().update().set({ revokedAt: () => 'now()' }).where('family_id = :familyId AND revoked_at IS NULL', { familyId }).execute();
  }
}
