import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { ReachesTemporal } from '../temporal/reaches-temporal.decorator';
import { CasesService } from './cases.service';
import { AttentionListResponse, CaseAcceptedResponse, CaseListResponse, CaseResponse, OpenedCaseResponse } from './dto/case.response';
import { PageQuery } from '../common/page.query';
import { ListCasesQuery, SearchCasesDto } from './dto/list-cases.query';
import { OpenCaseDto } from './dto/open-case.dto';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Opens a case in your region: starts its durable workflow and returns it once it is readable. */
  @Post()
  @Authenticated({ permission: 'case.create' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Your retries with the same key return the same case' })
  @ApiCreatedResponse({ type: OpenedCaseResponse, description: 'The case is open and readable, with the registered people it may be about' })
  @ApiAcceptedResponse({ type: CaseAcceptedResponse, description: 'Accepted and durable; readable once a worker processes it' })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED: this key was used with another body' })
  @ApiConflictResponse({ description: 'CASE_CLOSED: this key opened a case that has closed since and whose record is not readable yet' })
  @ReachesTemporal()
  async open(
    @CurrentActor() actor: Actor,
    @Body() dto: OpenCaseDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OpenedCaseResponse | CaseAcceptedResponse> {
    const outcome = await this.cases.openCase(actor, dto, idempotencyKey);
    res.status(outcome.httpStatus);
    return outcome.body;
  }

  /**
   * Cases of your region whose data the read model refused (a projection failed on the data itself):
   * the case goes on in Temporal; someone must look at it. Ids and codes only.
   */
  @Get('attention')
  @Authenticated({ permission: 'case.list' })
  @ApiOkResponse({ type: AttentionListResponse })
  attention(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<AttentionListResponse> {
    return this.cases.needingAttention(actor, page);
  }

  /** Cases of your region found by a case id prefix, part of the name or an exact NIK (in the body, never in a URL), with the list's filters. */
  @Post('search')
  @HttpCode(200)
  @Authenticated({ permission: 'case.list' })
  @ApiOkResponse({ type: CaseListResponse })
  search(@CurrentActor() actor: Actor, @Body() body: SearchCasesDto): Promise<CaseListResponse> {
    // In a JSON body a filter can be null (class-validator's @IsOptional lets it through): null means no filter, as absence does.
    return this.cases.listCases(actor, Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null)) as SearchCasesDto);
  }

  /** One case of your region, from the read model. */
  @Get(':id')
  @Authenticated({ permission: 'case.read' })
  @ApiOkResponse({ type: CaseResponse })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CaseResponse> {
    return this.cases.getCase(actor, id);
  }

  /** Cases of your region, newest first, optionally filtered. */
  @Get()
  @Authenticated({ permission: 'case.list' })
  @ApiOkResponse({ type: CaseListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQuery): Promise<CaseListResponse> {
    return this.cases.listCases(actor, query);
  }
}
