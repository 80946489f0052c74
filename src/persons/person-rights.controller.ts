import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { RegisteredPersonResponse } from './dto/person.response';
import { DataReportQuery, ErasePersonDto, LegalHoldDto, RestrictPersonDto } from './dto/person-rights.dto';
import { PersonDataReport } from './person-data-report.service';
import { PersonErasure } from './person-erasure.service';
import { PersonRestrictions } from './person-restrictions.service';

const MERGED_OR_ERASED = 'PERSON_MERGED: merged into another, act on that one; PERSON_ERASED: the data is erased already';

/** Data-subject rights on the person registry (UU 27/2022; docs/personal-data.md). */
@ApiTags('persons')
@Controller('persons')
export class PersonRightsController {
  constructor(
    private readonly erasure: PersonErasure,
    private readonly restrictions: PersonRestrictions,
    private readonly reports: PersonDataReport,
  ) {}

  /**
   * Erases the person's data (Pasal 43), irreversibly: personal fields emptied, each case's data key
   * destroyed, `personErased` on each case's ledger (legal basis and actor; the reason stays on the record).
   */
  @Post(':id/erasure')
  @HttpCode(200)
  @Authenticated({ permission: 'person.erase' })
  @ApiOkResponse({ type: RegisteredPersonResponse })
  @ApiConflictResponse({ description: `ERASURE_HELD: \`hold\` is LEGAL_HOLD, OPEN_CASE or RETENTION_PERIOD; ${MERGED_OR_ERASED}` })
  erase(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ErasePersonDto): Promise<RegisteredPersonResponse> {
    return this.erasure.erase(actor, id, dto);
  }

  /** Restricts processing (Pasal 41): the person is no longer matched, linked, merged or edited. */
  @Post(':id/restriction')
  @HttpCode(200)
  @Authenticated({ permission: 'person.restrict' })
  @ApiOkResponse({ type: RegisteredPersonResponse })
  @ApiConflictResponse({ description: MERGED_OR_ERASED })
  restrict(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: RestrictPersonDto): Promise<RegisteredPersonResponse> {
    return this.restrictions.restrict(actor, id, dto);
  }

  /** Lifts the restriction of processing. */
  @Delete(':id/restriction')
  @HttpCode(200)
  @Authenticated({ permission: 'person.restrict' })
  @ApiOkResponse({ type: RegisteredPersonResponse })
  @ApiConflictResponse({ description: MERGED_OR_ERASED })
  liftRestriction(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<RegisteredPersonResponse> {
    return this.restrictions.liftRestriction(actor, id);
  }

  /** Sets a legal hold (Pasal 41): the data may not be erased while it is set. */
  @Post(':id/legal-hold')
  @HttpCode(200)
  @Authenticated({ permission: 'person.restrict' })
  @ApiOkResponse({ type: RegisteredPersonResponse })
  @ApiConflictResponse({ description: MERGED_OR_ERASED })
  hold(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: LegalHoldDto): Promise<RegisteredPersonResponse> {
    return this.restrictions.hold(actor, id, dto);
  }

  /** Lifts the legal hold. */
  @Delete(':id/legal-hold')
  @HttpCode(200)
  @Authenticated({ permission: 'person.restrict' })
  @ApiOkResponse({ type: RegisteredPersonResponse })
  @ApiConflictResponse({ description: MERGED_OR_ERASED })
  liftHold(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<RegisteredPersonResponse> {
    return this.restrictions.liftHold(actor, id);
  }

  /**
   * Everything held about the person (Pasal 32), as a file: the record, each case in your scope with the
   * person as given, its ledger opened (`[dihapus]` once erased) and its access log. Access-logged per case.
   */
  @Get(':id/data-report')
  @Authenticated({ permission: 'person.report' })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'The report (JSON), served as an attachment `data-report-<id>.json`' })
  async dataReport(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() q: DataReportQuery, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const report = await this.reports.report(actor, id);
    res.setHeader('Content-Disposition', `attachment; filename="data-report-${id}.${q.format}"`);
    return report;
  }
}
