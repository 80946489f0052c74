import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../../workflows/contracts/actor';
import { inRegionScope, NATIONAL_SCOPE } from '../../auth/access';
import { DomainError } from '../../common/errors/domain-error';
import { ProtocolRegistry } from '../../protocols/protocol-registry';
import { zoneOfRegion } from '../report-period';
import { REPORT_SECTIONS, ReportsService } from '../reports.service';
import type { MonthlyReportDocument } from './monthly-document';
import { renderMonthlyPdf } from './monthly-pdf';
import { renderMonthlyXlsx } from './monthly-xlsx';
import { regionName } from './region-names';
import type { ReportMonth } from './report-month';
import { monthlyFileName, reportMonth } from './report-month';

/**
 * Who computes the figures of a scheduled report: no person, the whole country in scope; the region
 * is the report's filter. Never leaves this service (nothing is written in its name).
 */
const REPORT_GENERATOR: Actor = { id: 'system', kind: 'user', name: 'Sinergi', role: 'ADMIN', regionCode: NATIONAL_SCOPE, agencyId: null, agencyCode: null };

export interface MonthlyReportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

export interface StoredMonthlyReport {
  id: string;
  regionCode: string;
  month: string;
  from: string;
  to: string;
  generatedAt: string;
}

export const PDF_TYPE = 'application/pdf';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface StoredRow {
  id: string;
  region_code: string;
  period_from: string;
  period_to: string;
  generated_at: Date;
}

/**
 * The coordination forum's monthly report (docs/monthly-report.md): the figures of every
 * report section for one region and one calendar month, as a PDF and an XLSX workbook, made on request
 * or by the worker's Temporal Schedule on the first of each month (kept in `monthly_report`).
 */
@Injectable()
export class MonthlyReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly protocols: ProtocolRegistry,
  ) {}

  /** The report as the caller asks for it: a region of their scope (default: their scope), a month (default: the last one). */
  async forCaller(actor: Actor, region: string | undefined, month: string | undefined, format: 'pdf' | 'xlsx', now = new Date()): Promise<MonthlyReportFile> {
    const wanted = this.reports.regionFor(actor, region);
    const period = reportMonth(wanted, month, now);
    const doc = await this.document(wanted, period, now);
    return this.file(wanted, period.month, format, format === 'pdf' ? await renderMonthlyPdf(doc) : await renderMonthlyXlsx(doc));
  }

  /** Everything the report prints, computed as of `now`. */
  async document(region: string, period: ReportMonth, now = new Date()): Promise<MonthlyReportDocument> {
    const sections = await Promise.all(REPORT_SECTIONS.map((section) => this.reports.report(REPORT_GENERATOR, section, { region, from: period.from, to: period.to }, now)));
    const protocolNames = Object.fromEntries(this.protocols.list().flatMap((p) => (p.regionCode === null ? [] : [[p.regionCode, p.name]])));
    const codes = new Set<string>();
    for (const s of sections) for (const f of s.figures) if (f.id.startsWith('repatriation.') || f.id === 'regions.summary') f.rows.forEach((r) => codes.add(r.key));
    const regionNames = Object.fromEntries([...codes].flatMap((code) => {
      const name = regionName(code, protocolNames);
      return name === undefined ? [] : [[code, name]];
    }));
    return {
      region,
      regionName: regionName(region, protocolNames) ?? `Daerah ${region}`,
      month: period.month,
      from: period.from,
      to: period.to,
      zone: zoneOfRegion(region).zone,
      generatedAt: now.toISOString(),
      sections: sections.map((s) => ({ section: s.section, figures: s.figures })),
      regionNames,
    };
  }

  /**
   * The scheduled run for one region (activities/monthly-report.activities.ts): the month before
   * `asOf` in the region's zone, made and stored once. A retried activity finds it stored and makes
   * nothing; two runs racing store one (unique region and month).
   */
  async produce(region: string, asOf: Date): Promise<'stored' | 'exists'> {
    const period = reportMonth(region, undefined, asOf);
    const stored = await this.dataSource.query<unknown[]>('SELECT 1 FROM monthly_report WHERE region_code = $1 AND period_from = $2', [region, period.from]);
    if (stored.length > 0) return 'exists';
    const now = new Date();
    const doc = await this.document(region, period, now);
    const [pdf, xlsx] = [await renderMonthlyPdf(doc), await renderMonthlyXlsx(doc)];
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO monthly_report (region_code, period_from, period_to, generated_at, pdf, xlsx) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (region_code, period_from) DO NOTHING RETURNING id`,
      [region, period.from, period.to, now, pdf, xlsx],
    );
    return inserted.length > 0 ? 'stored' : 'exists';
  }

  /** Stored reports of the caller's scope, newest month first. */
  async list(actor: Actor): Promise<StoredMonthlyReport[]> {
    const rows = await this.dataSource.query<StoredRow[]>(
      `SELECT id, region_code, period_from::text, period_to::text, generated_at FROM monthly_report
        WHERE starts_with(region_code, $1) ORDER BY period_from DESC, region_code LIMIT 500`,
      [actor.regionCode],
    );
    return rows.map(toStored);
  }

  /** A stored report's file; one outside the caller's scope is as absent as one that never was. */
  async stored(actor: Actor, id: string, format: 'pdf' | 'xlsx'): Promise<MonthlyReportFile> {
    const [row] = await this.dataSource.query<(StoredRow & { body: Buffer })[]>(
      `SELECT id, region_code, period_from::text, period_to::text, generated_at, ${format === 'pdf' ? 'pdf' : 'xlsx'} AS body FROM monthly_report WHERE id = $1`,
      [id],
    );
    if (row === undefined || !inRegionScope(actor.regionCode, row.region_code)) throw new DomainError('REPORT_NOT_FOUND', 'No such monthly report');
    return this.file(row.region_code, row.period_from.slice(0, 7), format, row.body);
  }

  private file(region: string, month: string, format: 'pdf' | 'xlsx', body: Buffer): MonthlyReportFile {
    return { fileName: monthlyFileName(region, month, format), contentType: format === 'pdf' ? PDF_TYPE : XLSX_TYPE, body };
  }
}

function toStored(r: StoredRow): StoredMonthlyReport {
  return { id: r.id, regionCode: r.region_code, month: r.period_from.slice(0, 7), from: r.period_from, to: r.period_to, generatedAt: r.generated_at.toISOString() };
}
