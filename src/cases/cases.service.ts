import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FindOperator, FindOptionsWhere } from 'typeorm';
import { ArrayContains, Brackets, Like, Raw, Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { PersonInput } from '../../workflows/contracts/case';
import { checkNik } from '../../workflows/domain/nik';
import { AccessLog } from '../access-log/access-log.service';
import { inRegionScope, requireRegion } from '../auth/access';
import { hasPermission } from '../auth/permissions';
import { DomainError } from '../common/errors/domain-error';
import { regionScopeCondition } from '../common/region-scope';
import { ProtocolRegistry } from '../protocols/protocol-registry';
import { fromSnapshot, fromView, openedCases } from './case-mappers';
import { PersonalData } from '../personal-data/personal-data.service';
import { CaseViewEntity } from './case-view.entity';
import { CaseWorkflows } from './case-workflows';
import type { AttentionListResponse, CaseAcceptedResponse, CaseListResponse, CaseResponse, OpenedCaseResponse } from './dto/case.response';
import type { PageQuery } from '../common/page.query';
import { CaseAttention } from '../attention/case-attention.service';
import { CaseRepeats, repeatCondition } from '../persons/case-repeats.service';
import { toGuardianInput } from '../persons/dto/guardian.dto';
import { PersonMatcher } from '../persons/person-matcher.service';
import { SecurityLog } from '../security-log/security-log.service';
import type { ListCasesQuery } from './dto/list-cases.query';
import type { OpenCaseDto } from './dto/open-case.dto';
import { IdempotencyKeys } from './idempotency-keys';
import { PuskesosIntake } from '../puskesos/puskesos-intake.service';

export interface OpenCaseOutcome {
  httpStatus: 201 | 202;
  body: OpenedCaseResponse | CaseAcceptedResponse;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * A search (`q`): a case id prefix, part of the person's name (any letter case) or an exact NIK.
 * Values are bound parameters; LIKE's wildcards in the text match only themselves.
 */
function matchesSearch(q: string): Brackets {
  const literal = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return new Brackets((any) =>
    any
      .where('c.id::text LIKE :idPrefix', { idPrefix: `${literal.toLowerCase()}%` })
      // The name and NIK as given live in the registry (case_subject), not in the read model. One set
      // lookup (trigram index on the name, b-tree on the NIK) that the scope's cases are checked against,
      // not a probe per case. Scoping the lookup itself (a join to case_view) measured slower: 390 ms
      // against 55 ms for a fragment found in 11,013 of a million names (docs/performance.md).
      .orWhere(`c.id IN (SELECT s.case_id FROM case_subject s WHERE s.name ILIKE :nameContains OR s.nik = :nik)`, { nameContains: `%${literal}%`, nik: q }),
  );
}

/** The actor's region scope as a find condition (src/common/region-scope.ts); undefined: every region. */
function inRegionScopeWhere(scope: string): FindOperator<string> | string | undefined {
  const c = regionScopeCondition(scope);
  if (c.kind === 'equal') return c.value;
  if (c.kind === 'range') return Raw((column) => `${column} >= :regionFrom AND ${column} < :regionBelow`, { regionFrom: c.from, regionBelow: c.below });
  if (c.kind === 'prefix') return Like(c.pattern);
  return undefined;
}

@Injectable()
export class CasesService {
  constructor(
    @InjectRepository(CaseViewEntity) private readonly views: Repository<CaseViewEntity>,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly workflows: CaseWorkflows,
    private readonly protocols: ProtocolRegistry,
    private readonly access: AccessLog,
    private readonly attention: CaseAttention,
    private readonly security: SecurityLog,
    private readonly puskesos: PuskesosIntake,
    private readonly matcher: PersonMatcher,
    private readonly repeats: CaseRepeats,
    private readonly personal: PersonalData,
  ) {}

  async openCase(actor: Actor, dto: OpenCaseDto, idempotencyKey: string | undefined): Promise<OpenCaseOutcome> {
    requireRegion(actor, dto.regionCode);
    const { channel, regionCode, originRegionCode } = dto;
    const { name, sex, approximateAge, nik, birthDate, guardian } = dto.person;
    const person: PersonInput = {
      name, sex, approximateAge, ...(nik !== undefined ? { nik } : {}), ...(birthDate !== undefined ? { birthDate } : {}), ...(guardian !== undefined ? { guardian: toGuardianInput(guardian) } : {}),
    };
    const nikCheck = nik === undefined ? undefined : checkNik(nik, person, today());
    if (nikCheck !== undefined && !nikCheck.valid) {
      throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'person.nik', messages: nikCheck.errors.map((e) => e.message) }]);
    }
    // A Puskesos officer's complaint records their village as its intake point (src/puskesos).
    const intakePoint = await this.puskesos.forOpening(actor, { channel, regionCode, ...(dto.villageCode !== undefined ? { villageCode: dto.villageCode } : {}) });
    const request = { channel, regionCode, person, ...(originRegionCode !== undefined ? { originRegionCode } : {}), ...(intakePoint !== undefined ? { intakePoint } : {}) };
    // Keys are per actor: another user's identical key can neither collide with nor reveal this case.
    const caseId =
      idempotencyKey === undefined ? randomUUID() : await this.idempotencyKeys.claimCaseId(`open-case:${actor.id}`, idempotencyKey, request);
    // A repeated request answers with the case it opened, whatever happened to it since (even closed).
    const existing = idempotencyKey === undefined ? null : await this.views.findOneBy({ id: caseId });
    const snapshot =
      existing !== null
        ? existing
        : await this.workflows.open({ caseId, ...request, openedBy: actor, protocol: this.protocols.forRegion(regionCode), warnings: nikCheck?.valid ? nikCheck.warnings : [] });
    if (snapshot === 'CLOSED') throw new DomainError('CASE_CLOSED', 'This request opened a case that is closed now');
    // The registered people this may be: the case team decides (POST /cases/:id/person). Someone who
    // may only open a case (a Puskesos officer) is not shown other people's records.
    const personMatches = hasPermission(actor.role, 'case.command') ? await this.matcher.find(person, { regionCode, originRegionCode, scope: actor.regionCode, caseId }) : [];
    await this.access.record(actor, 'POST /cases', [caseId, ...personMatches.flatMap((m) => m.cases.map((c) => c.id))]);
    if (snapshot === undefined) return { httpStatus: 202, body: { id: caseId, status: 'PENDING', personMatches } };
    const [opened] = await this.repeats.attach(await openedCases(this.personal, [snapshot instanceof CaseViewEntity ? fromView(snapshot) : fromSnapshot(snapshot)]));
    return { httpStatus: 201, body: { ...(opened as CaseResponse), personMatches } };
  }

  async getCase(actor: Actor, id: string): Promise<CaseResponse> {
    const view = await this.load(id);
    if (!inRegionScope(actor.regionCode, view.regionCode)) return this.refuse(actor, view, 'GET /cases/:id');
    await this.access.record(actor, 'GET /cases/:id', [id]);
    const [kase] = await this.repeats.attach(await openedCases(this.personal, [fromView(view)]));
    return kase as CaseResponse;
  }

  /** Cases of the actor's scope that the read model could not take (ids and codes only: no access log). */
  needingAttention(actor: Actor, page: PageQuery): Promise<AttentionListResponse> {
    return this.attention.list(actor.regionCode, page.limit, page.offset);
  }

  /** Only cases in the actor's region scope; asking for a region outside it is refused, not emptied. */
  async listCases(actor: Actor, query: ListCasesQuery & { q?: string }): Promise<CaseListResponse> {
    if (query.regionCode !== undefined) requireRegion(actor, query.regionCode);
    const filters: FindOptionsWhere<CaseViewEntity> = {
      regionCode: query.regionCode ?? inRegionScopeWhere(actor.regionCode),
      ...(query.stage ? { stage: query.stage } : {}),
      ...(query.ppksCategory ? { ppksCategories: ArrayContains([query.ppksCategory]) } : {}),
      ...(query.responsibleAgency ? { responsibleAgency: query.responsibleAgency } : {}),
      ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
    };
    const cases = this.views.createQueryBuilder('c').setFindOptions({ where: filters, order: { openedAt: 'DESC', id: 'ASC' }, take: query.limit, skip: query.offset });
    if (query.q !== undefined) cases.andWhere(matchesSearch(query.q));
    if (query.repeat !== undefined) cases.andWhere(repeatCondition(query.repeat));
    const [views, total] = await cases.getManyAndCount();
    await this.access.record(actor, query.q === undefined ? 'GET /cases' : 'POST /cases/search', views.map((v) => v.id));
    return { items: await this.repeats.attach(await openedCases(this.personal, views.map(fromView))), total, limit: query.limit, offset: query.offset };
  }

  private async load(id: string): Promise<CaseViewEntity> {
    const view = await this.views.findOneBy({ id });
    if (view === null) throw this.absent();
    return view;
  }

  /** A missing case and one outside the caller's scope answer alike: existence is not revealed. */
  private absent(): DomainError {
    return new DomainError('CASE_NOT_FOUND', 'No case with this id');
  }

  /** A case outside the caller's scope: recorded in the security log (never in the case's own chain), answered as absent. */
  private refuse(actor: Actor, view: CaseViewEntity, route: string): Promise<never> {
    return this.security.refuse(actor, { kind: 'case', id: view.id, regionCode: view.regionCode }, route, this.absent());
  }
}
