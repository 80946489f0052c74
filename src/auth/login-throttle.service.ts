import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { LoginFailureEntity } from './login-failure.entity';

/**
 * Temporary lockout after repeated failed logins, per submitted username and per client address,
 * kept in PostgreSQL so every API instance sees the same counts. Usernames that do not exist are
 * throttled exactly like real ones, so a lockout reveals nothing. Attempts that name no account (a
 * setup code) are counted per address only (`username` null).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectRepository(LoginFailureEntity) private readonly failures: Repository<LoginFailureEntity>,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async assertNotLocked(username: string | null, address: string): Promise<void> {
    const { maxFailuresPerAccount, maxFailuresPerAddress, lockoutSeconds } = this.config.auth;
    const rows: { account: number; address: number; last: number | null }[] = await this.failures.query(
      `SELECT
         count(*) FILTER (WHERE username = $1)::int AS account,
         count(*) FILTER (WHERE address = $2)::int AS address,
         extract(epoch FROM max(failed_at))::float AS last
       FROM login_failure
       WHERE (username = $1 OR address = $2) AND failed_at > now() - make_interval(secs => $3)`,
      [username, address, lockoutSeconds],
    );
    const { account, address: fromAddress, last } = rows[0] ?? { account: 0, address: 0, last: null };
    if (account >= maxFailuresPerAccount || fromAddress >= maxFailuresPerAddress) {
      const retryAfter = Math.max(1, Math.ceil((last ?? Date.now() / 1000) + lockoutSeconds - Date.now() / 1000));
      throw new DomainError('LOGIN_LOCKED', 'Too many failed logins; try again later', undefined, retryAfter);
    }
  }

  async recordFailure(username: string | null, address: string): Promise<void> {
    await this.failures.insert({ username, address });
  }

  /** A successful login clears the account's failures (not the address's: others may be guessing from it). */
  async reset(username: string): Promise<void> {
    await this.failures.delete({ username });
  }
}
