import { applyDecorators, Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../workflows/contracts/actor';
import type { CaseAction, CaseCommand, CommandBody } from '../../workflows/contracts/commands';
import { COMMAND_BODIES } from '../../workflows/contracts/commands';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { ZodBodyPipe } from '../common/validation/zod-body.pipe';
import { openApiSchema } from '../common/validation/zod-openapi';
import { ReachesTemporal } from '../temporal/reaches-temporal.decorator';
import { CaseCommands } from './case-commands.service';
import { CaseResponse, CommandAcceptedResponse } from './dto/case.response';

/** What every command endpoint shares: its path, permission, body schema, request-id header and answers. */
function CommandEndpoint(path: string, action: CaseAction): MethodDecorator {
  return applyDecorators(
    Post(path),
    Authenticated({ permission: 'case.command' }),
    HttpCode(200),
    ApiBody({ schema: openApiSchema(COMMAND_BODIES[action]), required: false }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key applies the command once and answers its result' }),
    ApiOkResponse({ type: CaseResponse, description: 'The new case state, already readable through GET' }),
    ApiAcceptedResponse({ type: CommandAcceptedResponse, description: 'Applied, but its result is not readable yet: send the same request again with the returned Idempotency-Key' }),
    ApiConflictResponse({ description: 'ILLEGAL_TRANSITION with the reason and `allowedActions`, or CASE_CLOSED; nothing changed' }),
    ApiBadRequestResponse({ description: 'VALIDATION_FAILED; nothing changed' }),
    ApiNotFoundResponse({ description: 'CASE_NOT_FOUND (also for a case outside your region)' }),
    ReachesTemporal(),
  );
}

/** The body of a command, validated by the schema the workflow's validator also uses. */
const CommandBodyOf = (action: CaseAction): ParameterDecorator => Body(new ZodBodyPipe(COMMAND_BODIES[action]));

type Key = string | undefined;
type Id = string;

/** One endpoint per case action; each is a Temporal update validated by the stage machine. */
@ApiTags('case commands')
@Controller('cases/:id')
export class CaseCommandsController {
  constructor(private readonly cases: CaseCommands) {}

  private async run(actor: Actor, id: Id, command: CaseCommand, key: Key, res: Response): Promise<CaseResponse | CommandAcceptedResponse> {
    const outcome = await this.cases.command(actor, id, command, key);
    res.status(outcome.httpStatus);
    return outcome.body;
  }

  /** INTAKE → HEALTH_CHECK. */
  @CommandEndpoint('start-health-check', 'startHealthCheck')
  startHealthCheck(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('startHealthCheck') b: CommandBody<'startHealthCheck'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'startHealthCheck', ...b }, k, r);
  }

  /** HEALTH_CHECK → ASSESSMENT (FIT) or MEDICAL_TREATMENT (health before social handling). */
  @CommandEndpoint('record-health-check', 'recordHealthCheck')
  recordHealthCheck(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('recordHealthCheck') b: CommandBody<'recordHealthCheck'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'recordHealthCheck', ...b }, k, r);
  }

  /** MEDICAL_TREATMENT → ASSESSMENT. */
  @CommandEndpoint('record-recovery', 'recordRecovery')
  recordRecovery(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('recordRecovery') b: CommandBody<'recordRecovery'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'recordRecovery', ...b }, k, r);
  }

  /** ASSESSMENT → SHELTER, REHABILITATION or REINTEGRATION, with PPKS categories. */
  @CommandEndpoint('record-assessment', 'recordAssessment')
  recordAssessment(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('recordAssessment') b: CommandBody<'recordAssessment'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'recordAssessment', ...b }, k, r);
  }

  /** Records an adult's refusal of referral (never overridden silently). */
  @CommandEndpoint('record-referral-refusal', 'recordReferralRefusal')
  recordReferralRefusal(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('recordReferralRefusal') b: CommandBody<'recordReferralRefusal'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'recordReferralRefusal', ...b }, k, r);
  }

  /** A supervisor extends the shelter stay beyond the protocol's limit. */
  @CommandEndpoint('extend-shelter-stay', 'extendShelterStay')
  extendShelterStay(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('extendShelterStay') b: CommandBody<'extendShelterStay'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'extendShelterStay', ...b }, k, r);
  }

  /** SHELTER → REHABILITATION or REINTEGRATION. */
  @CommandEndpoint('leave-shelter', 'leaveShelter')
  leaveShelter(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('leaveShelter') b: CommandBody<'leaveShelter'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'leaveShelter', ...b }, k, r);
  }

  /** REHABILITATION → REINTEGRATION. */
  @CommandEndpoint('complete-rehabilitation', 'completeRehabilitation')
  completeRehabilitation(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('completeRehabilitation') b: CommandBody<'completeRehabilitation'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'completeRehabilitation', ...b }, k, r);
  }

  /** The home region's Dinsos acknowledges the handover of a repatriated person. */
  @CommandEndpoint('acknowledge-repatriation', 'acknowledgeRepatriation')
  acknowledgeRepatriation(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('acknowledgeRepatriation') b: CommandBody<'acknowledgeRepatriation'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'acknowledgeRepatriation', ...b }, k, r);
  }

  /** REINTEGRATION → MONITORING (a repatriation needs the acknowledgement first). */
  @CommandEndpoint('complete-reintegration', 'completeReintegration')
  completeReintegration(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('completeReintegration') b: CommandBody<'completeReintegration'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'completeReintegration', ...b }, k, r);
  }

  /** A follow-up visit during MONITORING (schedule from the protocol). */
  @CommandEndpoint('record-monitoring-visit', 'recordMonitoringVisit')
  recordMonitoringVisit(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('recordMonitoringVisit') b: CommandBody<'recordMonitoringVisit'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'recordMonitoringVisit', ...b }, k, r);
  }

  /** Closes the case: COMPLETED from monitoring, or an exit reason from any open stage. */
  @CommandEndpoint('close', 'closeCase')
  close(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: Id, @CommandBodyOf('closeCase') b: CommandBody<'closeCase'>, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response) {
    return this.run(a, id, { action: 'closeCase', ...b }, k, r);
  }
}
