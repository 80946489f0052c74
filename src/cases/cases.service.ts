import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FindOptionsWhere } from 'typeorm';
import { ArrayContains, Like, Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { CaseCommand } from '../../workflows/contracts/lifecycle';
import { checkNik } from '../../workflows/domain/nik';
import { AccessLog } from '../audit/access-log.service';
import { Ledger } from '../audit/ledger.service';
import { requireRegion } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import { ProtocolRegistry } from '../protocols/protocol-registry';
import { fromSnapshot, fromView } from './case-mappers';
import { CaseViewEntity } from './case-view.entity';
import { CaseWorkflows } from './case-workflows';
import type { CaseAcceptedResponse, CaseListResponse, CaseResponse } from './dto/case.response';
import type { ListCasesQuery } from './dto/list-cases.query';
import type { OpenCaseDto } from './dto/open-case.dto';
import { IdempotencyKeys } from './idempotency-keys';

export interface OpenCaseOutcome {
  httpStatus: 201 | 202;
  body: CaseResponse | CaseAcceptedResponse;
}

const today = (): string => new Date().toISOString().slice(0, 10);

@Injectable()
export class CasesService {
  constructor(
    @InjectRepository(CaseViewEntity) private readonly views: Repository<CaseViewEntity>,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly workflows: CaseWorkflows,
    private readonly protocols: ProtocolRegistry,
    private readonly ledger: Ledger,
    private readonly access: AccessLog,
  ) {}

  async openCase(actor: Actor, dto: OpenCaseDto, idempotencyKey: string | undefined): Promise<OpenCaseOutcome> {
    requireRegion(actor, dto.regionCode);
    const { channel, regionCode, originRegionCode } = dto;
    const { name, sex, approximateAge, nik, birthDate } = dto.person;
    const person = { name, sex, approximateAge, ...(nik !== undefined ? { nik } : {}), ...(birthDate !== undefined ? { birthDate } : {}) };
    const nikCheck = nik === undefined ? undefined : checkNik(nik, person, today());
    if (nikCheck !== undefined && !nikCheck.valid) {
      throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'person.nik', messages: nikCheck.errors }]);
    }
    const request = { channel, regionCode, person, ...(originRegionCode !== undefined ? { originRegionCode } : {}) };
    // Keys are per actor: another user's identical key can neither collide with nor reveal this case.
    const caseId =
      idempotencyKey === undefined ? randomUUID() : await this.idempotencyKeys.claimCaseId(`open-case:${actor.id}`, idempotencyKey, request);
    const snapshot = await this.workflows.open({
      caseId,
      ...request,
      openedBy: actor,
      protocol: this.protocols.forRegion(regionCode),
      warnings: nikCheck?.valid ? nikCheck.warnings : [],
    });
    if (snapshot === undefined) return { httpStatus: 202, body: { id: caseId, status: 'PENDING' } };
    await this.access.record(actor, 'POST /cases', [caseId]);
    return { httpStatus: 201, body: fromSnapshot(snapshot) };
  }

  async getCase(actor: Actor, id: string): Promise<CaseResponse> {
    const view = await this.load(id);
    requireRegion(actor, view.regionCode);
    await this.access.record(actor, 'GET /cases/:id', [id]);
    return fromView(view);
  }

  /**
   * Gives a case command. Scope: the case's region — except a repatriation acknowledgement, which
   * comes from the receiving (home) region's Dinsos. The answer is the new state, already readable.
   * A refused command is recorded in the case's ledger before the refusal is returned.
   */
  async command(actor: Actor, id: string, command: CaseCommand, requestKey: string | undefined): Promise<CaseResponse> {
    const view = await this.load(id);
    const requestId = `${actor.id}:${command.action}:${requestKey ?? randomUUID()}`;
    const snapshot = await this.ledger.refusalsRecorded(actor, id, { requestId, action: command.action, payload: { command } }, () => {
      requireRegion(actor, command.action === 'acknowledgeRepatriation' ? command.receivingRegionCode : view.regionCode);
      return this.workflows.command(id, { requestId, actor, command });
    });
    await this.access.record(actor, 'POST /cases/:id/<command>', [id]);
    return fromSnapshot(snapshot);
  }

  /** Only cases in the actor's region scope; asking for a region outside it is refused, not emptied. */
  async listCases(actor: Actor, query: ListCasesQuery): Promise<CaseListResponse> {
    if (query.regionCode !== undefined) requireRegion(actor, query.regionCode);
    const where: FindOptionsWhere<CaseViewEntity> = {
      regionCode: query.regionCode ?? Like(`${actor.regionCode}%`),
      ...(query.stage ? { stage: query.stage } : {}),
      ...(query.ppksCategory ? { ppksCategories: ArrayContains([query.ppksCategory]) } : {}),
      ...(query.responsibleAgency ? { responsibleAgency: query.responsibleAgency } : {}),
      ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
    };
    const [views, total] = await this.views.findAndCount({ where, order: { openedAt: 'DESC', id: 'ASC' }, take: query.limit, skip: query.offset });
    await this.access.record(actor, 'GET /cases', views.map((v) => v.id));
    return { items: views.map(fromView), total, limit: query.limit, offset: query.offset };
  }

  private async load(id: string): Promise<CaseViewEntity> {
    const view = await this.views.findOneBy({ id });
    if (view === null) throw new DomainError('CASE_NOT_FOUND', 'No case with this id');
    return view;
  }
}
