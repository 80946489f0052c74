import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { CasePersonResponse, PersonCandidatesResponse } from './dto/person.response';
import { DecidePersonDto } from './dto/person-requests.dto';
import { PersonDecisions } from './person-decisions.service';

/** Who a case is about: the registered people it may be, the case team's decision, a supervisor's undo. */
@ApiTags('persons')
@Controller('cases/:id')
export class CasePersonController {
  constructor(private readonly decisions: PersonDecisions) {}

  /** Registered people of your scope this case's person may be (same NIK, or similar name, sex, birth year, region), best first. */
  @Get('person-candidates')
  @Authenticated({ permission: 'case.command' })
  @ApiOkResponse({ type: PersonCandidatesResponse })
  candidates(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PersonCandidatesResponse> {
    return this.decisions.candidates(actor, id);
  }

  /** Decides the case's person: `{ personId }` links a registered person, `{ newPerson: true }` registers one from the case. Recorded in the case's ledger. */
  @Post('person')
  @HttpCode(200)
  @Authenticated({ permission: 'case.command' })
  @ApiOkResponse({ type: CasePersonResponse })
  @ApiConflictResponse({ description: 'PERSON_ALREADY_DECIDED: undo the link first; PERSON_MERGED: link the person it was merged into' })
  decide(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: DecidePersonDto): Promise<CasePersonResponse> {
    return this.decisions.decide(actor, id, dto);
  }

  /** Undoes a wrong link of the case to its person (the person stays registered). Recorded in the case's ledger. */
  @Delete('person')
  @Authenticated({ permission: 'person.manage' })
  @ApiOkResponse({ type: CasePersonResponse })
  @ApiConflictResponse({ description: "PERSON_NOT_DECIDED: the case's person is not decided" })
  unlink(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CasePersonResponse> {
    return this.decisions.unlink(actor, id);
  }
}
