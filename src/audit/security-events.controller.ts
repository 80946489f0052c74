import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SecurityLog } from '../security-log/security-log.service';
import { SecurityEventsQuery, SecurityEventsResponse } from './dto/security-events.dto';

@ApiTags('audit')
@Controller('audit/security-events')
export class SecurityEventsController {
  constructor(private readonly log: SecurityLog) {}

  /** Account, agency and credential management and scope refusals whose actor or target lies in your region scope, newest first. */
  @Get()
  @Authenticated({ permission: 'audit.read' })
  @ApiOkResponse({ type: SecurityEventsResponse })
  list(@CurrentActor() actor: Actor, @Query() q: SecurityEventsQuery): Promise<SecurityEventsResponse> {
    const { actor: actorId, target: targetId, ...rest } = q;
    return this.log.query(actor.regionCode, { ...rest, actorId, targetId });
  }
}
