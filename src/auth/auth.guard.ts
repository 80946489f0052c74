import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor } from '../../workflows/contracts/actor';
import { DomainError } from '../common/errors/domain-error';
import { AgencyKeysService } from './agency-keys.service';
import type { AuthPolicy } from './authenticated.decorator';
import { AUTH_POLICY } from './authenticated.decorator';
import type { RequestWithActor } from './current-actor.decorator';
import { actorHasPermission } from './permissions';
import { TokensService } from './tokens.service';

const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'Missing, invalid or expired credentials');

/**
 * Global guard, deny by default: public routes pass; every other route needs a verified credential
 * (Bearer access token, or an agency API key in `X-Api-Key`) and the permission it declares.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly agencyKeys: AgencyKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY, [context.getHandler(), context.getClass()]);
    if (policy !== undefined && 'public' in policy) return true;
    const request = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const actor = await this.authenticate(request);
    request.actor = actor;
    if (policy === undefined || !actorHasPermission(actor, policy.permission)) {
      throw new DomainError('PERMISSION_DENIED', 'Your role does not allow this action');
    }
    return true;
  }

  private authenticate(request: Request): Promise<Actor> {
    const apiKey = request.headers['x-api-key'];
    const authorization = request.headers.authorization;
    if (typeof apiKey === 'string' && authorization === undefined) return this.agencyKeys.authenticate(apiKey);
    const bearer = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? '');
    if (bearer === null || apiKey !== undefined) throw unauthenticated();
    return this.tokens.verify(bearer[1] as string);
  }
}
