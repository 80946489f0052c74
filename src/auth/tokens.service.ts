import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Actor, Role } from '../../workflows/contracts/actor';
import { ROLES } from '../../workflows/contracts/actor';
import { DomainError } from '../common/errors/domain-error';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';

const ISSUER = 'sinergi';
const AUDIENCE = 'sinergi-api';

interface AccessClaims {
  sub: string;
  name: string;
  role: Role;
  region: string;
  agencyId: string | null;
  agencyCode: string | null;
  typ: 'access';
}

export interface AccessToken {
  accessToken: string;
  expiresIn: number;
}

/** Short-lived HS256 access tokens carrying the actor; everything an actor is comes from here. */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async issue(actor: Actor): Promise<AccessToken> {
    const claims: AccessClaims = {
      sub: actor.id,
      name: actor.name,
      role: actor.role,
      region: actor.regionCode,
      agencyId: actor.agencyId,
      agencyCode: actor.agencyCode,
      typ: 'access',
    };
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    const accessToken = await this.jwt.signAsync(claims, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn });
    return { accessToken, expiresIn };
  }

  /** The actor of a valid token; UNAUTHENTICATED for anything expired, tampered or malformed. */
  async verify(token: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Missing, invalid or expired credentials');
    }
    if (claims.typ !== 'access' || !(ROLES as readonly string[]).includes(claims.role) || claims.role === 'AGENCY_SYSTEM') {
      throw new DomainError('UNAUTHENTICATED', 'Missing, invalid or expired credentials');
    }
    return {
      id: claims.sub,
      kind: 'user',
      name: claims.name,
      role: claims.role,
      regionCode: claims.region,
      agencyId: claims.agencyId,
      agencyCode: claims.agencyCode,
    };
  }
}
