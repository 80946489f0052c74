import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FindOperator, FindOptionsWhere } from 'typeorm';
import type { SelectQueryBuilder } from 'typeorm';
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
import { CaseRepeats } from '../persons/case-repeats.service';
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

/** The list's order: newest first, the id breaking ties (reversed to read a page backwards). */
function inListOrder(cases: SelectQueryBuilder<CaseViewEntity>, reversed: boolean): SelectQueryBuilder<CaseViewEntity> {
  return cases.orderBy('c.openedAt', reversed ? 'ASC' : 'DESC').addOrderBy('c.id', reversed ? 'DESC' : 'ASC');
}

/**
 * The cases after (or before) the case `:param` in the list's order. Its opening time is read by the
 * query itself (PostgreSQL keeps microseconds; a JavaScript Date would not), as an InitPlan per use (a
 * primary-key lookup each) whose value the index's range condition takes.
 */
function beyond(direction: 'after' | 'before', param: string): string {
  const at = `(SELECT k.opened_at FROM case_view k WHERE k.id = :${param})`;
  return direction === 'after' ? `c.opened_at <= ${at} AND (c.opened_at < ${at} OR c.id > :${param})` : `c.opened_at >= ${at} AND (c.opened_at > ${at} OR c.id < :${param})`;
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

  /**
   * Only cases in the actor's region scope; asking for a region outside it is refused, not emptied.
   * Newest first. Paged by `offset` or, at any depth for the same cost, by a case of the list
   * (`after` / `before`: keyset paging on `(opened_at, id)`, which case_view_region_list_idx serves).
   */
  async listCases(actor: Actor, query: ListCasesQuery & { q?: string }): Promise<CaseListResponse> {
    if (query.regionCode !== undefined) requireRegion(actor, query.regionCode);
    const cursor = await this.pageCursor(actor, query);
    const filters: FindOptionsWhere<CaseViewEntity> = {
      regionCode: query.regionCode ?? inRegionScopeWhere(actor.regionCode),
      ...(query.stage ? { stage: query.stage } : {}),
      ...(query.ppksCategory ? { ppksCategories: ArrayContains([query.ppksCategory]) } : {}),
      ...(query.responsibleAgency ? { responsibleAgency: query.responsibleAgency } : {}),
      ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
      ...(query.repeat !== undefined ? { isRepeat: query.repeat } : {}),
    };
    const matching = this.views.createQueryBuilder('c').setFindOptions({ where: filters });
    if (query.q !== undefined) matching.andWhere(matchesSearch(query.q));
    // One row past the page says whether more follow in the direction read.
    const backwards = cursor?.direction === 'before';
    const page = inListOrder(matching.clone(), backwards).limit(query.limit + 1);
    if (cursor === undefined) page.offset(query.offset);
    else page.andWhere(beyond(cursor.direction, 'cursor'), { cursor: cursor.id });
    const [rows, total] = await Promise.all([page.getMany(), matching.getCount()]);
    const more = rows.length > query.limit;
    const views = backwards ? rows.slice(0, query.limit).reverse() : rows.slice(0, query.limit);
    const first = views[0];
    const last = views[views.length - 1];
    // The other direction: whether anything lies beyond the page's first (or, backwards, last) case.
    const edge = backwards ? last : first;
    const otherSide = edge === undefined ? false : cursor === undefined ? query.offset > 0 : await matching.clone().andWhere(beyond(backwards ? 'after' : 'before', 'edge'), { edge: edge.id }).limit(1).getExists();
    const [before, after] = backwards ? [more, otherSide] : [otherSide, more];
    await this.access.record(actor, query.q === undefined ? 'GET /cases' : 'POST /cases/search', views.map((v) => v.id));
    return {
      items: await this.repeats.attach(await openedCases(this.personal, views.map(fromView))),
      total,
      limit: query.limit,
      offset: cursor === undefined ? query.offset : 0,
      nextAfter: after && last !== undefined ? last.id : null,
      previousBefore: before && first !== undefined ? first.id : null,
    };
  }

  /**
   * The case a keyset page starts from. It must be a case of the actor's scope (one outside answers
   * like one that does not exist: existence is not revealed); `after` and `before` exclude each other
   * and `offset`.
   */
  private async pageCursor(actor: Actor, query: ListCasesQuery): Promise<{ direction: 'after' | 'before'; id: string } | undefined> {
    const invalid = (field: string, message: string) => new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field, messages: [message] }]);
    if (query.after !== undefined && query.before !== undefined) throw invalid('before', 'after and before cannot be combined');
    const direction = query.after !== undefined ? 'after' : query.before !== undefined ? 'before' : undefined;
    if (direction === undefined) return undefined;
    if (query.offset > 0) throw invalid('offset', `offset cannot be combined with ${direction}`);
    const id = (query.after ?? query.before) as string;
    const view = await this.views.findOne({ select: { id: true, regionCode: true }, where: { id } });
    if (view === null || !inRegionScope(actor.regionCode, view.regionCode)) throw invalid(direction, `${direction} must be the id of a case in your list`);
    return { direction, id };
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
