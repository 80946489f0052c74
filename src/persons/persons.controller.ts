import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { PersonMergeResponse, RegisteredPersonResponse, PersonSearchResponse } from './dto/person.response';
import { MergePersonsDto, SearchPersonsDto, UpdatePersonDto } from './dto/person-requests.dto';
import { PersonEdits } from './person-edits.service';
import { PersonMerges } from './person-merges.service';
import { PersonsService } from './persons.service';

/** The person registry: one person, many cases (docs/persons.md). */
@ApiTags('persons')
@Controller('persons')
export class PersonsController {
  constructor(
    private readonly persons: PersonsService,
    private readonly merges: PersonMerges,
    private readonly edits: PersonEdits,
  ) {}

  /** People of your scope by a whole NIK or a similar name (in the body, never in a URL), best first. */
  @Post('search')
  @HttpCode(200)
  @Authenticated({ permission: 'case.list' })
  @ApiOkResponse({ type: PersonSearchResponse })
  search(@CurrentActor() actor: Actor, @Body() dto: SearchPersonsDto): Promise<PersonSearchResponse> {
    return this.persons.search(actor, dto.q);
  }

  /** Undoes a merge: the cases it moved go back to the other person, exactly as they were linked. */
  @Post('merges/:mergeId/undo')
  @HttpCode(200)
  @Authenticated({ permission: 'person.manage' })
  @ApiOkResponse({ type: PersonMergeResponse })
  @ApiConflictResponse({ description: 'MERGE_ALREADY_UNDONE; MERGE_CHANGED_SINCE: a moved case was linked otherwise since' })
  undo(@CurrentActor() actor: Actor, @Param('mergeId', uuidParam('mergeId')) mergeId: string): Promise<PersonMergeResponse> {
    return this.merges.undo(actor, mergeId);
  }

  /** A person of your scope and their cases there. */
  @Get(':id')
  @Authenticated({ permission: 'case.read' })
  @ApiOkResponse({ type: RegisteredPersonResponse })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<RegisteredPersonResponse> {
    return this.persons.get(actor, id);
  }

  /**
   * Completes a person's record: aliases (the whole list), a child's guardian, the origin region; and
   * corrects it (rectification, UU 27/2022 Pasal 30): name, NIK, birth date, sex. Case workers and
   * supervisors of the person's region. Ledger entry `personUpdated` on each of their cases, naming the
   * fields changed, never the values.
   */
  @Patch(':id')
  @Authenticated({ permission: 'person.edit' })
  @ApiOkResponse({ type: RegisteredPersonResponse })
  @ApiConflictResponse({ description: 'PERSON_MERGED: this record was merged into another; edit that one; PROCESSING_RESTRICTED: processing of the person is restricted; PERSON_ERASED' })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdatePersonDto): Promise<RegisteredPersonResponse> {
    return this.edits.update(actor, id, dto);
  }

  /** Merges another record of the same person into this one: its cases move here; it is kept, marked merged. */
  @Post(':id/merge')
  @Authenticated({ permission: 'person.manage' })
  @ApiCreatedResponse({ type: PersonMergeResponse })
  @ApiConflictResponse({ description: 'MERGE_INTO_ITSELF; PERSON_MERGED: one of them was merged already; PROCESSING_RESTRICTED; PERSON_ERASED' })
  merge(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: MergePersonsDto): Promise<PersonMergeResponse> {
    return this.merges.merge(actor, id, dto.otherPersonId);
  }
}
