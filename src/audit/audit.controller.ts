import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../workflows/contracts/actor';
import type { LedgerRecord } from '../../workflows/contracts/ledger';
import { inRegionScope, requireRegion } from '../auth/access';
import { SecurityLog } from '../security-log/security-log.service';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { fromSnapshot, openedCases } from '../cases/case-mappers';
import { PersonalData } from '../personal-data/personal-data.service';
import { withReadableReasons } from './readable-reasons';
import { CaseResponse } from '../cases/dto/case.response';
import { DomainError } from '../common/errors/domain-error';
import { PageQuery } from '../common/page.query';
import { uuidParam } from '../common/uuid-param';
import type { PersonalDataRoute } from '../access-log/access-log.service';
import { AccessLog } from '../access-log/access-log.service';
import type { ExportFormat } from './dto/audit.dto';
import { AccessLogQuery, AccessLogResponse, AuditEventsQuery, AuditExportQuery, ExportQuery, LedgerPageResponse, StateAtQuery, VerifyResponse } from './dto/audit.dto';
import type { LedgerExport } from './ledger-export';
import { toCsv } from './ledger-export';
import { EXPORT_LIMIT, Ledger } from './ledger.service';

/**
 * The auditors' API (role AUDITOR, read-only): a case's history, its chain check, the case as it stood
 * at a moment, events across cases, exports, and the personal-data access log. Every answer that holds
 * personal data is itself recorded in the access log first.
 */
@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(
    private readonly ledger: Ledger,
    private readonly personal: PersonalData,
    private readonly access: AccessLog,
    private readonly security: SecurityLog,
  ) {}

  /** A case's ledger in chain order (oldest first). */
  @Get('cases/:id/history')
  @Authenticated({ permission: 'audit.read' })
  @ApiOkResponse({ type: LedgerPageResponse })
  async history(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() page: PageQuery): Promise<LedgerPageResponse> {
    await this.scopedCase(actor, id, 'GET /cases/:id/history');
    const { items, total } = await this.ledger.page(id, page.limit, page.offset);
    await this.logged(actor, 'GET /cases/:id/history', items);
    return { items: withReadableReasons(await this.personal.open(items)), total, totalCapped: false, limit: page.limit, offset: page.offset };
  }

  /** Recomputes the case's hash chain and reports the first broken link. */
  @Get('cases/:id/history/verify')
  @Authenticated({ permission: 'audit.read' })
  @ApiOkResponse({ type: VerifyResponse })
  async verify(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<VerifyResponse> {
    await this.scopedCase(actor, id, 'GET /cases/:id/history/verify');
    return this.ledger.verify(id);
  }

  /** The whole history as a file: JSON (with the chain head) or CSV. */
  @Get('cases/:id/history/export')
  @Authenticated({ permission: 'audit.read' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'The file: a sinergi-ledger-export document (JSON) or CSV, as `format` asks' })
  async exportHistory(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    await this.scopedCase(actor, id, 'GET /cases/:id/history/export');
    refuseCsvWithPersonal(q);
    const { records, head } = await this.ledger.chain(id);
    await this.logged(actor, q.personal ? 'GET /cases/:id/history/export?personal=true' : 'GET /cases/:id/history/export', records);
    const personal = q.personal ? await this.openedSection(records) : undefined;
    send(res, q.format, q.personal ? `case-${id}-history-personal` : `case-${id}-history`, records, { caseId: id }, head === null ? null : { caseId: id, ...head }, actor, personal);
  }

  /** The case as it stood at `at` (workflow time), rebuilt from the ledger; 404 before it was opened. */
  @Get('cases/:id/state')
  @Authenticated({ permission: 'audit.read' })
  @ApiOkResponse({ type: CaseResponse })
  async stateAt(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() q: StateAtQuery): Promise<CaseResponse> {
    await this.scopedCase(actor, id, 'GET /cases/:id/state');
    const snapshot = await this.ledger.stateAt(id, new Date(q.at).toISOString());
    if (snapshot === null) throw new DomainError('CASE_NOT_FOUND', 'The case had not been opened at that time');
    await this.access.record(actor, 'GET /cases/:id/state', [id]);
    const [kase] = await openedCases(this.personal, [fromSnapshot(snapshot)]);
    return kase as CaseResponse;
  }

  /** Events across the cases of your scope, filtered; by workflow time. */
  @Get('audit/events')
  @Authenticated({ permission: 'audit.read' })
  @ApiOkResponse({ type: LedgerPageResponse })
  async events(@CurrentActor() actor: Actor, @Query() q: AuditEventsQuery): Promise<LedgerPageResponse> {
    if (q.region !== undefined) requireRegion(actor, q.region);
    const { limit, offset, ...filter } = q;
    const { items, total, totalCapped } = await this.ledger.search(actor.regionCode, filter, limit, offset);
    await this.logged(actor, 'GET /audit/events', items);
    return { items: withReadableReasons(await this.personal.open(items)), total, totalCapped, limit, offset };
  }

  /** The filtered events as a file (at most 10 000; narrow the filter for more). */
  @Get('audit/events/export')
  @Authenticated({ permission: 'audit.read' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'The file: a sinergi-ledger-export document (JSON) or CSV, as `format` asks' })
  @ApiUnprocessableEntityResponse({ description: 'EXPORT_TOO_LARGE: more events match than one export holds' })
  async exportEvents(@CurrentActor() actor: Actor, @Query() q: AuditExportQuery, @Res() res: Response): Promise<void> {
    if (q.region !== undefined) requireRegion(actor, q.region);
    refuseCsvWithPersonal(q);
    const { format, personal: withPersonal, ...filter } = q;
    const { items, totalCapped } = await this.ledger.search(actor.regionCode, filter, EXPORT_LIMIT, 0, EXPORT_LIMIT);
    if (totalCapped) throw new DomainError('EXPORT_TOO_LARGE', `more than ${EXPORT_LIMIT} events match; narrow the filter to at most ${EXPORT_LIMIT}`);
    await this.logged(actor, withPersonal ? 'GET /audit/events/export?personal=true' : 'GET /audit/events/export', items);
    send(res, format, withPersonal ? 'audit-events-personal' : 'audit-events', items, { ...filter }, null, actor, withPersonal ? await this.openedSection(items) : undefined);
  }

  /** Who read whose personal data, when and through which route (cases of your scope). */
  @Get('audit/access-log')
  @Authenticated({ permission: 'audit.read' })
  @ApiOkResponse({ type: AccessLogResponse })
  accessLog(@CurrentActor() actor: Actor, @Query() q: AccessLogQuery): Promise<AccessLogResponse> {
    const { actor: actorId, ...rest } = q;
    return this.access.query(actor.regionCode, { ...rest, ...(actorId !== undefined ? { actorId } : {}) });
  }

  /** 404 for an unknown case, and for one outside the auditor's region (recorded in the security log). */
  private async scopedCase(actor: Actor, caseId: string, route: string): Promise<void> {
    const regionCode = await this.ledger.regionOf(caseId);
    const absent = new DomainError('CASE_NOT_FOUND', 'No case with this id');
    if (regionCode === null) throw absent;
    if (!inRegionScope(actor.regionCode, regionCode)) await this.security.refuse(actor, { kind: 'case', id: caseId, regionCode }, route, absent);
  }

  /** The personal values of these records, opened, for an export that asked for them. */
  private async openedSection(records: readonly LedgerRecord[]): Promise<NonNullable<LedgerExport['personal']>> {
    const section = records.filter((r) => r.payload !== null || r.snapshot !== null).map((r) => ({ caseId: r.caseId, seq: r.seq, payload: r.payload, snapshot: r.snapshot }));
    return this.personal.open(section);
  }

  private logged(actor: Actor, route: PersonalDataRoute, records: readonly LedgerRecord[]): Promise<void> {
    return this.access.record(actor, route, records.map((r) => r.caseId));
  }
}

/** Opened personal values come in the JSON export only (a CSV row must stay as stored to verify). */
function refuseCsvWithPersonal(q: { format: ExportFormat; personal: boolean }): void {
  if (q.format === 'csv' && q.personal) throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'personal', messages: ['personal values come in the JSON export only'] }]);
}

function send(res: Response, format: ExportFormat, name: string, records: LedgerRecord[], filter: Record<string, unknown>, head: LedgerExport['head'], actor: Actor, personal?: LedgerExport['personal']): void {
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  res.setHeader('Cache-Control', 'no-store');
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').send(toCsv(records));
    return;
  }
  const body: LedgerExport = { format: 'sinergi-ledger-export', version: 1, exportedAt: new Date().toISOString(), exportedBy: actor.id, filter, head, records, ...(personal !== undefined ? { personal } : {}) };
  res.type('application/json').send(JSON.stringify(body));
}
