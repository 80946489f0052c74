import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Like, Repository } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { CaseStage } from '../../workflows/contracts/case';
import { villageInRegion } from '../../workflows/domain/village-code';
import { AccessLog } from '../access-log/access-log.service';
import { inRegionScope, requireRegion } from '../auth/access';
import { hasPermission } from '../auth/permissions';
import { CaseViewEntity } from '../cases/case-view.entity';
import { canonicalJson } from '../cases/idempotency-keys';
import { DomainError } from '../common/errors/domain-error';
import type { PageQuery } from '../common/page.query';
import { checkedKey } from '../common/request-key';
import type { RaziaListResponse, RaziaResponse, RaziaRowResponse } from './dto/razia.response';
import type { RecordRaziaDto } from './dto/record-razia.dto';
import { PersonMatcher } from '../persons/person-matcher.service';
import { mapConcurrently } from './concurrently';
import { raziaCaseId } from './razia-case-ids';
import { RAZIA_OPEN_CONCURRENCY, RaziaCases } from './razia-cases';
import { rowResult, toRaziaResponse, toRaziaSummary } from './razia-mappers';
import type { CheckedRow } from './razia-rows';
import { checkRow } from './razia-rows';
import type { RaziaRowRecord } from './razia.entity';
import { RaziaEntity } from './razia.entity';

const today = (): string => new Date().toISOString().slice(0, 10);

/** Razia: one Satpol PP operation, one case per person found, each opened exactly once. */
@Injectable()
export class RaziaService {
  constructor(
    @InjectRepository(RaziaEntity) private readonly razia: Repository<RaziaEntity>,
    @InjectRepository(CaseViewEntity) private readonly views: Repository<CaseViewEntity>,
    private readonly cases: RaziaCases,
    private readonly matcher: PersonMatcher,
    private readonly access: AccessLog,
  ) {}

  /**
   * Records the razia under the caller's Idempotency-Key (the first request decides each row's fate
   * and case id; retries and concurrent twins read that same row), then opens every accepted row's
   * case. Opening is idempotent per case id, so a retry completes what a failed request left undone.
   */
  async record(actor: Actor, dto: RecordRaziaDto, idempotencyKey: string | undefined): Promise<RaziaResponse> {
    if (idempotencyKey === undefined) throw new DomainError('IDEMPOTENCY_KEY_INVALID', 'A razia needs an Idempotency-Key header: its retries must not open the cases twice');
    const key = checkedKey(idempotencyKey);
    requireRegion(actor, dto.regionCode);
    if (dto.villageCode !== undefined && !villageInRegion(dto.villageCode, dto.regionCode)) {
      throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'villageCode', messages: ['villageCode must lie in regionCode'] }]);
    }
    const checked = dto.people.map((row) => checkRow(row, today()));
    const razia = await this.claim(actor, key, dto, checked);
    const rows = await this.cases.openAll(actor, razia, checked);
    return toRaziaResponse(razia, await this.withMatches(actor, razia, checked, rows));
  }

  async get(actor: Actor, id: string): Promise<RaziaResponse> {
    const razia = await this.razia.findOneBy({ id });
    // Another region's razia answers as absent: its existence is not revealed.
    if (razia === null || !inRegionScope(actor.regionCode, razia.regionCode)) throw new DomainError('RAZIA_NOT_FOUND', 'No razia with this id');
    const stages = await this.stagesOf(razia.rows);
    return toRaziaResponse(razia, razia.rows.map((row) => rowResult(row, row.caseId === undefined ? null : (stages.get(row.caseId) ?? null))));
  }

  /** Razia of the caller's region scope, newest operation first. */
  async list(actor: Actor, page: PageQuery): Promise<RaziaListResponse> {
    const [items, total] = await this.razia.findAndCount({
      where: { regionCode: Like(`${actor.regionCode}%`) },
      order: { occurredAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: items.map(toRaziaSummary), total, limit: page.limit, offset: page.offset };
  }

  /** Inserts the razia once per (caller, key); every twin reads the winner's row back. */
  private async claim(actor: Actor, key: string, dto: RecordRaziaDto, checked: CheckedRow[]): Promise<RaziaEntity> {
    const { occurredAt, place, villageCode, regionCode, team, people } = dto;
    const requestFingerprint = createHash('sha256').update(canonicalJson({ occurredAt, place, villageCode: villageCode ?? null, regionCode, team, people })).digest('hex');
    const id = randomUUID();
    const rows: RaziaRowRecord[] = checked.map((row, position) => (row.ok ? { position, caseId: raziaCaseId(id, position) } : { position, errors: row.errors }));
    const { id: actorId, kind, name, role, regionCode: actorRegion, agencyId, agencyCode } = actor;
    await this.razia
      .createQueryBuilder()
      .insert()
      .values({
        id,
        recordedById: actorId,
        recordedBy: { id: actorId, kind, name, role, regionCode: actorRegion, agencyId, agencyCode },
        idempotencyKey: key,
        requestFingerprint,
        occurredAt: new Date(occurredAt),
        place,
        villageCode: villageCode ?? null,
        regionCode,
        team,
        rows,
      })
      .orIgnore()
      .execute();
    const razia = await this.razia.findOneByOrFail({ recordedById: actorId, idempotencyKey: key });
    if (razia.requestFingerprint !== requestFingerprint) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request');
    return razia;
  }

  /**
   * Each opened row's possible earlier records, for those who decide a case's person (a Satpol PP
   * officer is not shown other people's records); the cases those records list are access-logged.
   */
  private async withMatches(actor: Actor, razia: RaziaEntity, checked: CheckedRow[], rows: RaziaRowResponse[]): Promise<RaziaRowResponse[]> {
    if (!hasPermission(actor.role, 'case.command')) return rows;
    const matched = await mapConcurrently(rows, RAZIA_OPEN_CONCURRENCY, async (row) => {
      const input = checked[row.position];
      if (row.caseId === null || input === undefined || !input.ok) return row;
      const place = { regionCode: razia.regionCode, originRegionCode: input.originRegionCode ?? null, scope: actor.regionCode, caseId: row.caseId };
      return { ...row, personMatches: await this.matcher.find(input.person, place) };
    });
    const shown = matched.flatMap((row) => (row.personMatches ?? []).flatMap((m) => m.cases.map((c) => c.id)));
    if (shown.length > 0) await this.access.record(actor, 'POST /razia', shown);
    return matched;
  }

  private async stagesOf(rows: RaziaRowRecord[]): Promise<Map<string, CaseStage>> {
    const ids = rows.flatMap((row) => (row.caseId === undefined ? [] : [row.caseId]));
    const views = ids.length === 0 ? [] : await this.views.find({ select: { id: true, stage: true }, where: { id: In(ids) } });
    return new Map(views.map((v) => [v.id, v.stage]));
  }
}
