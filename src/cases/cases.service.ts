import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CaseSnapshot } from '../../workflows/contracts/case';
import { DomainError } from '../common/errors/domain-error';
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

function fromSnapshot(s: CaseSnapshot): CaseResponse {
  const { caseId, stage, channel, regionCode, person, openedAt, updatedAt, version } = s;
  return { id: caseId, stage, channel, regionCode, person, openedAt, updatedAt, version };
}

function fromView(v: CaseViewEntity): CaseResponse {
  const { id, stage, channel, regionCode, person, version } = v;
  return { id, stage, channel, regionCode, person, version, openedAt: v.openedAt.toISOString(), updatedAt: v.updatedAt.toISOString() };
}

@Injectable()
export class CasesService {
  constructor(
    @InjectRepository(CaseViewEntity) private readonly views: Repository<CaseViewEntity>,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly workflows: CaseWorkflows,
  ) {}

  async openCase(dto: OpenCaseDto, idempotencyKey: string | undefined): Promise<OpenCaseOutcome> {
    const { channel, regionCode } = dto;
    const person = { name: dto.person.name, sex: dto.person.sex, approximateAge: dto.person.approximateAge };
    const request = { channel, regionCode, person };
    const caseId =
      idempotencyKey === undefined ? randomUUID() : await this.idempotencyKeys.claimCaseId('open-case', idempotencyKey, request);
    const snapshot = await this.workflows.open({ caseId, ...request });
    return snapshot === undefined
      ? { httpStatus: 202, body: { id: caseId, status: 'PENDING' } }
      : { httpStatus: 201, body: fromSnapshot(snapshot) };
  }

  async getCase(id: string): Promise<CaseResponse> {
    const view = await this.views.findOneBy({ id });
    if (view === null) throw new DomainError('CASE_NOT_FOUND', 'No case with this id');
    return fromView(view);
  }

  async listCases(query: ListCasesQuery): Promise<CaseListResponse> {
    const where = { ...(query.stage ? { stage: query.stage } : {}), ...(query.regionCode ? { regionCode: query.regionCode } : {}) };
    const [views, total] = await this.views.findAndCount({
      where,
      order: { openedAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: views.map(fromView), total, limit: query.limit, offset: query.offset };
  }
}
