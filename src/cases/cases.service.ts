import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Like, Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { CaseSnapshot } from '../../workflows/contracts/case';
import { requireRegion } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import { CaseViewEntity } from './case-view.entity';
import { CaseWorkflows } from './case-workflows';
import type { CaseAcceptedResponse, CaseActorResponse, CaseListResponse, CaseResponse } from './dto/case.response';
import type { ListCasesQuery } from './dto/list-cases.query';
import type { OpenCaseDto } from './dto/open-case.dto';
import { IdempotencyKeys } from './idempotency-keys';

export interface OpenCaseOutcome {
  httpStatus: 201 | 202;
  body: CaseResponse | CaseAcceptedResponse;
}

const toActor = (a: Actor | null): CaseActorResponse | null => (a === null ? null : { id: a.id, name: a.name, role: a.role, agencyCode: a.agencyCode });

function fromSnapshot(s: CaseSnapshot): CaseResponse {
  const { caseId, stage, channel, regionCode, person, openedAt, updatedAt, version } = s;
  return { id: caseId, stage, channel, regionCode, person, openedBy: toActor(s.openedBy), openedAt, updatedAt, version };
}

function fromView(v: CaseViewEntity): CaseResponse {
  const { id, stage, channel, regionCode, person, version } = v;
  return { id, stage, channel, regionCode, person, version, openedBy: toActor(v.openedBy), openedAt: v.openedAt.toISOString(), updatedAt: v.updatedAt.toISOString() };
}

@Injectable()
export class CasesService {
  constructor(
    @InjectRepository(CaseViewEntity) private readonly views: Repository<CaseViewEntity>,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly workflows: CaseWorkflows,
  ) {}

  async openCase(actor: Actor, dto: OpenCaseDto, idempotencyKey: string | undefined): Promise<OpenCaseOutcome> {
    requireRegion(actor, dto.regionCode);
    const { channel, regionCode } = dto;
    const person = { name: dto.person.name, sex: dto.person.sex, approximateAge: dto.person.approximateAge };
    const request = { channel, regionCode, person };
    // Keys are per actor: another user's identical key can neither collide with nor reveal this case.
    const caseId =
      idempotencyKey === undefined ? randomUUID() : await this.idempotencyKeys.claimCaseId(`open-case:${actor.id}`, idempotencyKey, request);
    const snapshot = await this.workflows.open({ caseId, ...request, openedBy: actor });
    return snapshot === undefined
      ? { httpStatus: 202, body: { id: caseId, status: 'PENDING' } }
      : { httpStatus: 201, body: fromSnapshot(snapshot) };
  }

  async getCase(actor: Actor, id: string): Promise<CaseResponse> {
    const view = await this.views.findOneBy({ id });
    if (view === null) throw new DomainError('CASE_NOT_FOUND', 'No case with this id');
    requireRegion(actor, view.regionCode);
    return fromView(view);
  }

  /** Only cases in the actor's region scope; asking for a region outside it is refused, not emptied. */
  async listCases(actor: Actor, query: ListCasesQuery): Promise<CaseListResponse> {
    if (query.regionCode !== undefined) requireRegion(actor, query.regionCode);
    const [views, total] = await this.views.findAndCount({
      where: { regionCode: query.regionCode ?? Like(`${actor.regionCode}%`), ...(query.stage ? { stage: query.stage } : {}) },
      order: { openedAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: views.map(fromView), total, limit: query.limit, offset: query.offset };
  }
}
