import { applyDecorators, Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import type { CaseCommand } from '../../workflows/contracts/lifecycle';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { ReachesTemporal } from '../temporal/reaches-temporal.decorator';
import { CasesService } from './cases.service';
import {
  AcknowledgeRepatriationDto,
  CloseCaseDto,
  CompleteRehabilitationDto,
  ExtendShelterStayDto,
  LeaveShelterDto,
  NoteDto,
  RecordAssessmentDto,
  RecordHealthCheckDto,
  RecordMonitoringVisitDto,
  RecordRecoveryDto,
} from './dto/case-commands.dto';
import { CaseResponse } from './dto/case.response';

/** What every command endpoint shares: permission, request-id header, and the documented answers. */
function CaseCommandEndpoint(): MethodDecorator {
  return applyDecorators(
    Authenticated({ permission: 'case.command' }),
    HttpCode(200),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key applies the command once' }),
    ApiOkResponse({ type: CaseResponse, description: 'The new case state, already readable through GET' }),
    ApiConflictResponse({ description: 'ILLEGAL_TRANSITION with the reason and `allowedActions`; nothing changed' }),
    ApiBadRequestResponse({ description: 'VALIDATION_FAILED; nothing changed' }),
    ApiNotFoundResponse({ description: 'CASE_NOT_FOUND' }),
    ReachesTemporal(),
  );
}

type Key = string | undefined;

/** One endpoint per case action; each is a Temporal update validated by the stage machine. */
@ApiTags('case commands')
@Controller('cases/:id')
export class CaseCommandsController {
  constructor(private readonly cases: CasesService) {}

  private run(actor: Actor, id: string, command: CaseCommand, key: Key): Promise<CaseResponse> {
    return this.cases.command(actor, id, command, key);
  }

  /** INTAKE → HEALTH_CHECK. */
  @Post('start-health-check')
  @CaseCommandEndpoint()
  startHealthCheck(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'startHealthCheck' }, k);
  }

  /** HEALTH_CHECK → ASSESSMENT (FIT) or MEDICAL_TREATMENT (health before social handling). */
  @Post('record-health-check')
  @CaseCommandEndpoint()
  recordHealthCheck(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: RecordHealthCheckDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'recordHealthCheck', ...dto }, k);
  }

  /** MEDICAL_TREATMENT → ASSESSMENT. */
  @Post('record-recovery')
  @CaseCommandEndpoint()
  recordRecovery(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: RecordRecoveryDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'recordRecovery', ...dto }, k);
  }

  /** ASSESSMENT → SHELTER, REHABILITATION or REINTEGRATION, with PPKS categories. */
  @Post('record-assessment')
  @CaseCommandEndpoint()
  recordAssessment(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: RecordAssessmentDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'recordAssessment', ...dto }, k);
  }

  /** Records an adult's refusal of referral (never overridden silently). */
  @Post('record-referral-refusal')
  @CaseCommandEndpoint()
  recordReferralRefusal(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: NoteDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'recordReferralRefusal', ...dto }, k);
  }

  /** A supervisor extends the shelter stay beyond the protocol's limit. */
  @Post('extend-shelter-stay')
  @CaseCommandEndpoint()
  extendShelterStay(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ExtendShelterStayDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'extendShelterStay', ...dto }, k);
  }

  /** SHELTER → REHABILITATION or REINTEGRATION. */
  @Post('leave-shelter')
  @CaseCommandEndpoint()
  leaveShelter(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: LeaveShelterDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'leaveShelter', ...dto }, k);
  }

  /** REHABILITATION → REINTEGRATION. */
  @Post('complete-rehabilitation')
  @CaseCommandEndpoint()
  completeRehabilitation(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CompleteRehabilitationDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'completeRehabilitation', ...dto }, k);
  }

  /** The home region's Dinsos acknowledges the handover of a repatriated person. */
  @Post('acknowledge-repatriation')
  @CaseCommandEndpoint()
  acknowledgeRepatriation(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: AcknowledgeRepatriationDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'acknowledgeRepatriation', ...dto }, k);
  }

  /** REINTEGRATION → MONITORING (a repatriation needs the acknowledgement first). */
  @Post('complete-reintegration')
  @CaseCommandEndpoint()
  completeReintegration(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'completeReintegration' }, k);
  }

  /** A follow-up visit during MONITORING (schedule from the protocol). */
  @Post('record-monitoring-visit')
  @CaseCommandEndpoint()
  recordMonitoringVisit(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: RecordMonitoringVisitDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'recordMonitoringVisit', ...dto }, k);
  }

  /** Closes the case: COMPLETED from monitoring, or an exit reason from any open stage. */
  @Post('close')
  @CaseCommandEndpoint()
  close(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CloseCaseDto, @Headers('idempotency-key') k: Key): Promise<CaseResponse> {
    return this.run(a, id, { action: 'closeCase', ...dto }, k);
  }
}
