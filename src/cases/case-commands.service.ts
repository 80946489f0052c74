import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { CaseCommand } from '../../workflows/contracts/commands';
import { COMMAND_PERSONAL_PATHS } from '../../workflows/contracts/commands';
import { PersonalData } from '../personal-data/personal-data.service';
import { AccessLog } from '../access-log/access-log.service';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import { requestKeyOf } from '../common/request-key';
import { LedgerRefusals } from '../ledger/ledger-refusals.service';
import { CaseRepeats } from '../persons/case-repeats.service';
import { SecurityLog } from '../security-log/security-log.service';
import { fromSnapshot, fromView, openedCases } from './case-mappers';
import { CaseViewEntity } from './case-view.entity';
import { CaseWorkflows } from './case-workflows';
import type { CaseResponse, CommandAcceptedResponse } from './dto/case.response';

export interface CommandOutcome {
  httpStatus: 200 | 202;
  body: CaseResponse | CommandAcceptedResponse;
}

const absent = () => new DomainError('CASE_NOT_FOUND', 'No case with this id');

/**
 * Case commands. Scope: the case's region — except a repatriation acknowledgement, which comes from
 * the person's home region acknowledging for itself; outside that a case looks absent. The answer is
 * the new state, already readable, or 202 when the workflow accepted the command but its result is not
 * readable yet. A command refused to a caller entitled to the case is recorded in the case's ledger.
 */
@Injectable()
export class CaseCommands {
  constructor(
    @InjectRepository(CaseViewEntity) private readonly views: Repository<CaseViewEntity>,
    private readonly workflows: CaseWorkflows,
    private readonly refusals: LedgerRefusals,
    private readonly access: AccessLog,
    private readonly security: SecurityLog,
    private readonly repeats: CaseRepeats,
    private readonly personal: PersonalData,
  ) {}

  async command(actor: Actor, id: string, given: CaseCommand, idempotencyKey: string | undefined): Promise<CommandOutcome> {
    const key = requestKeyOf(idempotencyKey);
    const view = await this.views.findOneBy({ id });
    if (view === null) throw absent();
    if (!mayCommand(actor, view, given)) return this.security.refuse(actor, { kind: 'case', id, regionCode: view.regionCode }, 'POST /cases/:id/<command>', absent());
    // Only the person's home region acknowledges its own handover.
    if (given.action === 'acknowledgeRepatriation' && !inRegionScope(actor.regionCode, given.receivingRegionCode)) {
      return this.security.refuse(actor, { kind: 'case', id, regionCode: view.regionCode }, 'POST /cases/:id/acknowledge-repatriation', new DomainError('OUT_OF_SCOPE', 'Only the receiving region acknowledges a repatriation'));
    }
    // Personal text is sealed under the person's key before it reaches the workflow or the ledger.
    const command = await this.personal.sealPaths(id, given, COMMAND_PERSONAL_PATHS[given.action]);
    const requestId = `${actor.id}:${command.action}:${key}`;
    const answer = await this.refusals.recorded(actor, id, { requestId, action: command.action, payload: { command } }, () => this.send(actor, id, command, requestId, idempotencyKey !== undefined));
    if (!answer.done) return { httpStatus: 202, body: { id, status: 'ACCEPTED', requestId, idempotencyKey: key } };
    await this.access.record(actor, 'POST /cases/:id/<command>', [id]);
    const [kase] = await this.repeats.attach(await openedCases(this.personal, ['view' in answer ? fromView(answer.view) : fromSnapshot(answer.result)]));
    return { httpStatus: 200, body: kase as CaseResponse };
  }

  /**
   * Sends the command. A repeated request that closed the case (answered 202 the first time) finds its
   * workflow completed: it is answered from the read model, not refused as a command on a closed case.
   */
  private async send(actor: Actor, id: string, command: CaseCommand, requestId: string, repeatable: boolean) {
    try {
      return await this.workflows.command(id, { requestId, actor, command });
    } catch (error) {
      if (!repeatable || !(error instanceof DomainError) || error.code !== 'CASE_CLOSED') throw error;
      const view = await this.views.findOneBy({ id });
      const last = view?.lastAction;
      if (view === null || last?.action !== command.action || last.actorId !== actor.id) throw error;
      return { done: true as const, view };
    }
  }
}

/** The case's region, or for a repatriation acknowledgement also the person's home region, sees the case. */
function mayCommand(actor: Actor, view: CaseViewEntity, command: CaseCommand): boolean {
  if (inRegionScope(actor.regionCode, view.regionCode)) return true;
  return command.action === 'acknowledgeRepatriation' && view.originRegionCode !== null && inRegionScope(actor.regionCode, view.originRegionCode);
}
