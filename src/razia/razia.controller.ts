import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQuery } from '../common/page.query';
import { uuidParam } from '../common/uuid-param';
import { ReachesTemporal } from '../temporal/reaches-temporal.decorator';
import { RaziaListResponse, RaziaResponse } from './dto/razia.response';
import { RecordRaziaDto } from './dto/record-razia.dto';
import { RaziaService } from './razia.service';

@ApiTags('razia')
@Controller('razia')
export class RaziaController {
  constructor(private readonly razia: RaziaService) {}

  /**
   * Records a razia (Satpol PP sweep) of your region and opens one case (channel `RAZIA`) per person
   * found: **at most 100 people** per razia (0 or more than 100 → 400, nothing recorded). Each row is
   * checked alone: a refused row (`REFUSED`, with its field errors as codes) never blocks the others
   * (`OPENED`, with the case id). Exactly once: each person's case id derives from the razia and the
   * row's position, and the razia from your `Idempotency-Key`, so retries and concurrent resubmissions
   * with the same key answer the same razia and open no case twice. Satpol PP officers (agency officers
   * of `SATPOL_PP`), case workers and supervisors.
   */
  @Post()
  @Authenticated({ permission: 'razia.record' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Required. Retries with the same key answer the same razia and open no case twice' })
  @ApiCreatedResponse({ type: RaziaResponse, description: 'The razia is recorded; each row says OPENED (caseId) or REFUSED (errors)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (0 or more than 100 people, a village code outside the region…) or IDEMPOTENCY_KEY_INVALID (missing or malformed key): nothing recorded' })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED: this key was used with another body' })
  @ReachesTemporal()
  record(@CurrentActor() actor: Actor, @Body() dto: RecordRaziaDto, @Headers('idempotency-key') idempotencyKey: string | undefined): Promise<RaziaResponse> {
    return this.razia.record(actor, dto, idempotencyKey);
  }

  /** One razia of your region with its people's cases (id and current stage) or refusals. */
  @Get(':id')
  @Authenticated({ permission: 'razia.read' })
  @ApiOkResponse({ type: RaziaResponse })
  @ApiNotFoundResponse({ description: 'RAZIA_NOT_FOUND: no razia with this id in your scope' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<RaziaResponse> {
    return this.razia.get(actor, id);
  }

  /** Razia of your region scope, newest operation first. */
  @Get()
  @Authenticated({ permission: 'razia.read' })
  @ApiOkResponse({ type: RaziaListResponse })
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<RaziaListResponse> {
    return this.razia.list(actor, page);
  }
}
