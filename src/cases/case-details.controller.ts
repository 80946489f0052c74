import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQuery } from '../common/page.query';
import { uuidParam } from '../common/uuid-param';
import { CaseDetails } from './case-details.service';
import { CaseActionsResponse, CaseTaskListResponse, CaseTimelineResponse } from './dto/case-details.response';

/** What a case's page shows beside the case: the caller's next actions, the agency tasks and the timeline. */
@ApiTags('cases')
@Controller('cases/:id')
export class CaseDetailsController {
  constructor(private readonly details: CaseDetails) {}

  /** The commands you may send now (the stage machine's allowed actions for your role); [] once the case is closed. */
  @Get('actions')
  @Authenticated({ permission: 'case.read' })
  @ApiOkResponse({ type: CaseActionsResponse })
  actions(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CaseActionsResponse> {
    return this.details.actions(actor, id);
  }

  /** The case's agency tasks and their state, oldest first (no outcomes: those are the agencies' and auditors'). */
  @Get('tasks')
  @Authenticated({ permission: 'case.read' })
  @ApiOkResponse({ type: CaseTaskListResponse })
  tasks(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CaseTaskListResponse> {
    return this.details.tasks(actor, id);
  }

  /** The case's history for its team, newest first: the ledger's summaries without payloads (auditors read the full ledger at /history). */
  @Get('timeline')
  @Authenticated({ permission: 'case.read' })
  @ApiOkResponse({ type: CaseTimelineResponse })
  timeline(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() page: PageQuery): Promise<CaseTimelineResponse> {
    return this.details.timeline(actor, id, page);
  }
}
