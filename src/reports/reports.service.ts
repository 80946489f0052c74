import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { inRegionScope, outOfScope } from '../auth/access';
import { SqlFilter } from '../common/sql-filter';
import type { Figure, FigureColumn, RawFigure } from './figures';
import { suppress } from './figures';
import type { ReportPeriod } from './report-period';
import { reportPeriod } from './report-period';

/** The report sections, one endpoint each (`GET /reports/<section>`). */
export const REPORT_SECTIONS = ['intake', 'caseload', 'timeliness', 'reintegration', 'repeats', 'regions'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** What a report is asked for: region (default: the caller's scope), period, and optional filters. */
export interface ReportFilter {
  region?: string;
  from?: string;
  to?: string;
  category?: string;
  agency?: string;
}

export interface Report {
  section: ReportSection;
  /** The region reported on: a kab/kota (4 digits), a province (2) or `''` for the whole country. */
  region: string;
  from: string;
  to: string;
  zone: ReportPeriod['zone'];
  category: string | null;
  agency: string | null;
  generatedAt: string;
  figures: Figure[];
}

/** Where the figure's filter and period apply, ready for SQL. */
interface Scope {
  region: string;
  period: ReportPeriod;
  category: string | null;
  agency: string | null;
  now: string;
}

/** Age groups of the figures; the first three are children (under 18, UU 35/2014). */
export const AGE_GROUPS = ['0-5', '6-12', '13-17', '18-59', '60+'] as const;
const AGE_GROUP_SQL = `CASE WHEN age < 6 THEN '0-5' WHEN age < 13 THEN '6-12' WHEN age < 18 THEN '13-17' WHEN age < 60 THEN '18-59' ELSE '60+' END`;
const CHILD_AGE_GROUPS = new Set<string>(AGE_GROUPS.slice(0, 3));
const AGE_RANGES: Record<string, [number, number]> = { '0-5': [0, 5], '6-12': [6, 12], '13-17': [13, 17], '18-59': [18, 59], '60+': [60, 1000] };
/** The key of cases not yet assessed (no PPKS category). */
export const NO_CATEGORY = 'NONE';
/** The key of a repeat's look-back: 12 months (pmks-domain §7, the protocols' default). */
const REPEAT_WINDOW = '12 months';

const count = (key: string): FigureColumn => ({ key, kind: 'count' });
const hours = (key: string, base: string): FigureColumn => ({ key, kind: 'hours', base });
const percent = (key: string, base: string, part: string): FigureColumn => ({ key, kind: 'percent', base, part });

const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);
const share = (part: number, whole: number): number | null => (whole === 0 ? null : round1((100 * part) / whole));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Region condition on a column: a kab/kota exactly, a province by range (index-friendly), or none. */
function inRegion(f: SqlFilter, column: string, region: string): SqlFilter {
  if (region.length === 4) return f.add(`${column} = ?`, region);
  if (region.length === 2) return f.add(`${column} >= ?`, region).add(`${column} < ?`, String(Number(region) + 1).padStart(2, '0'));
  return f;
}

/** Figures that list the cases behind a row (`GET /reports/cases`), with the condition a row key sets. */
export const DRILL_DOWN_FIGURES = ['opened.byChannel', 'opened.bySex', 'opened.byAgeGroup', 'opened.byCategory', 'opened.byIntakePoint', 'closed.byReason', 'caseload.byStage', 'caseload.byAgency', 'caseload.byCaseWorker'] as const;
export type DrillDownFigure = (typeof DRILL_DOWN_FIGURES)[number];

export interface ReportCaseRef {
  id: string;
  regionCode: string;
  channel: string;
  stage: string;
  categories: string[];
  openedAt: string;
  closedAt: string | null;
}

/**
 * The coordination forum's figures (docs/reports.md holds each one's exact definition). Every figure
 * comes from the report summary tables that the ledger's writer keeps (activities/report-facts.ts), never
 * from the ledger itself, and goes through small-cell suppression before it leaves.
 */
@Injectable()
export class ReportsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The region a caller may report on: by default their scope; never beyond it. */
  regionFor(actor: Actor, region: string | undefined): string {
    const wanted = region ?? actor.regionCode;
    if (!inRegionScope(actor.regionCode, wanted)) throw outOfScope();
    return wanted;
  }

  async report(actor: Actor, section: ReportSection, filter: ReportFilter, now = new Date()): Promise<Report> {
    const scope = this.scope(actor, filter, now);
    const raw = await this.compute(section, scope);
    return {
      section,
      region: scope.region,
      from: scope.period.from,
      to: scope.period.to,
      zone: scope.period.zone,
      category: scope.category,
      agency: scope.agency,
      generatedAt: now.toISOString(),
      figures: raw.map(suppress),
    };
  }

  private scope(actor: Actor, filter: ReportFilter, now: Date): Scope {
    const region = this.regionFor(actor, filter.region);
    return { region, period: reportPeriod(region, filter.from, filter.to, now), category: filter.category ?? null, agency: filter.agency ?? null, now: now.toISOString() };
  }

  private compute(section: ReportSection, s: Scope): Promise<RawFigure[]> {
    switch (section) {
      case 'intake':
        return this.intake(s);
      case 'caseload':
        return this.caseload(s);
      case 'timeliness':
        return this.timeliness(s);
      case 'reintegration':
        return this.reintegration(s);
      case 'repeats':
        return this.repeats(s);
      case 'regions':
        return this.regions(s);
    }
  }

  /** Cases of the region (column `c.region_code`), with the category filter. */
  private cases(s: Scope, alias = 'c'): SqlFilter {
    const f = inRegion(new SqlFilter(), `${alias}.region_code`, s.region);
    if (s.category !== null) f.add(`? = ANY(${alias}.categories)`, s.category);
    return f;
  }

  private openedIn(s: Scope): SqlFilter {
    return this.cases(s).add('c.opened_at >= ?', s.period.start).add('c.opened_at < ?', s.period.end);
  }

  private async intake(s: Scope): Promise<RawFigure[]> {
    const opened = this.openedIn(s);
    const closed = this.cases(s).raw('c.closed_at IS NOT NULL').add('c.closed_at >= ?', s.period.start).add('c.closed_at < ?', s.period.end);
    const [groups, categories, reasons] = await Promise.all([
      this.db.query<{ channel: string | null; sex: string | null; age_group: string | null; village: string | null; village_name: string | null; set: number; n: number; children: number }[]>(
        `SELECT channel, sex, age_group, village, max(village_name) AS village_name, GROUPING(channel, sex, age_group, village) AS set, count(*)::int AS n,
                count(*) FILTER (WHERE age < 18)::int AS children
         FROM (SELECT c.channel, c.sex, c.age, ${AGE_GROUP_SQL} AS age_group, COALESCE(c.intake_village_code, '') AS village, c.intake_village_name AS village_name
               FROM report_case c WHERE ${opened.where}) o
         GROUP BY GROUPING SETS ((channel), (sex), (age_group), (village), ()) ORDER BY channel, sex, age_group, village`,
        opened.params,
      ),
      this.db.query<{ category: string; n: number; children: number }[]>(
        `SELECT category, count(*)::int AS n, count(*) FILTER (WHERE c.age < 18)::int AS children
         FROM report_case c, unnest(CASE WHEN cardinality(c.categories) = 0 THEN ARRAY['${NO_CATEGORY}'] ELSE c.categories END) AS category
         WHERE ${opened.where} GROUP BY category ORDER BY category`,
        opened.params,
      ),
      this.db.query<{ reason: string; n: number }[]>(`SELECT c.closure_reason AS reason, count(*)::int AS n FROM report_case c WHERE ${closed.where} GROUP BY 1 ORDER BY 1`, closed.params),
    ]);
    // GROUPING(channel, sex, age_group, village): a bit per column left out of the set (8 = channel … 1 = village).
    const of = (set: number) => groups.filter((g) => g.set === set);
    const total = of(15)[0];
    const cols = [count('cases'), count('children')];
    return [
      { id: 'opened.total', columns: cols, rows: [{ key: 'ALL', cells: [total?.n ?? 0, total?.children ?? 0] }] },
      { id: 'opened.byChannel', columns: cols, rows: of(7).map((g) => ({ key: g.channel!, cells: [g.n, g.children] })), drillDown: true },
      { id: 'opened.byCategory', columns: cols, rows: categories.map((g) => ({ key: g.category, cells: [g.n, g.children] })), drillDown: true },
      { id: 'opened.bySex', columns: cols, rows: of(11).map((g) => ({ key: g.sex!, cells: [g.n, g.children] })), drillDown: true },
      {
        id: 'opened.byAgeGroup',
        // The children's groups sum to the children of opened.total: their own column makes rule 2 hide a child group.
        columns: [count('cases'), { key: 'children', kind: 'count', mirrors: 'cases' }],
        rows: AGE_GROUPS.map((a) => {
          const n = of(13).find((g) => g.age_group === a)?.n ?? 0;
          return { key: a, cells: [n, CHILD_AGE_GROUPS.has(a) ? n : 0] };
        }),
        drillDown: true,
      },
      {
        id: 'opened.byIntakePoint',
        columns: cols,
        rows: of(14)
          .filter((g) => g.village !== '')
          .map((g) => ({ key: g.village!, ...(g.village_name !== null ? { label: g.village_name } : {}), cells: [g.n, g.children] })),
        drillDown: true,
      },
      { id: 'closed.byReason', columns: [count('cases')], rows: reasons.map((r) => ({ key: r.reason ?? 'UNKNOWN', cells: [r.n] })), drillDown: true },
    ];
  }

  private async caseload(s: Scope): Promise<RawFigure[]> {
    const f = this.cases(s).raw('c.closed_at IS NULL');
    if (s.agency !== null) f.add('c.responsible_agency = ?', s.agency);
    const rows = await this.db.query<{ stage: string | null; agency: string | null; worker_id: string | null; worker_name: string | null; set: number; n: number; children: number }[]>(
      `SELECT stage, agency, worker_id, max(worker_name) AS worker_name, GROUPING(stage, agency, worker_id) AS set, count(*)::int AS n, count(*) FILTER (WHERE age < 18)::int AS children
       FROM (SELECT c.stage, COALESCE(c.responsible_agency, '') AS agency, COALESCE(c.case_worker_id, '') AS worker_id, c.case_worker_name AS worker_name, c.age
             FROM report_case c WHERE ${f.where}) o
       GROUP BY GROUPING SETS ((stage), (agency), (worker_id)) ORDER BY 1, 2, 3`,
      f.params,
    );
    const cols = [count('cases'), count('children')];
    return [
      { id: 'caseload.byStage', columns: cols, rows: rows.filter((r) => r.set === 3).map((r) => ({ key: r.stage!, cells: [r.n, r.children] })), drillDown: true },
      { id: 'caseload.byAgency', columns: cols, rows: rows.filter((r) => r.set === 5).map((r) => ({ key: r.agency || 'NONE', cells: [r.n, r.children] })), drillDown: true },
      {
        id: 'caseload.byCaseWorker',
        columns: cols,
        rows: rows
          .filter((r) => r.set === 6)
          .map((r) => ({ key: r.worker_id || 'NONE', ...(r.worker_name !== null ? { label: r.worker_name } : {}), cells: [r.n, r.children] })),
        drillDown: true,
      },
    ];
  }

  private async timeliness(s: Scope): Promise<RawFigure[]> {
    const stays = inRegion(new SqlFilter(), 's.region_code', s.region).raw('s.left_at IS NOT NULL').add('s.left_at >= ?', s.period.start).add('s.left_at < ?', s.period.end);
    if (s.agency !== null) stays.add('s.agency_code = ?', s.agency);
    if (s.category !== null) stays.add('EXISTS (SELECT 1 FROM report_case c WHERE c.case_id = s.case_id AND ? = ANY(c.categories))', s.category);
    const opened = this.openedIn(s).raw('c.first_response_due_at IS NOT NULL');
    const nowAt = opened.params.push(s.now);
    const tasks = inRegion(new SqlFilter(), 't.region_code', s.region).add('t.ordered_at >= ?', s.period.start).add('t.ordered_at < ?', s.period.end);
    if (s.agency !== null) tasks.add('t.agency_code = ?', s.agency);
    if (s.category !== null) tasks.add('EXISTS (SELECT 1 FROM report_case c WHERE c.case_id = t.case_id AND ? = ANY(c.categories))', s.category);
    const taskNow = tasks.params.push(s.now);
    const esc = inRegion(new SqlFilter(), 'e.region_code', s.region).add('e.at >= ?', s.period.start).add('e.at < ?', s.period.end);
    if (s.agency !== null) esc.add('e.agency_code = ?', s.agency);
    if (s.category !== null) esc.add('EXISTS (SELECT 1 FROM report_case c WHERE c.case_id = e.case_id AND ? = ANY(c.categories))', s.category);
    const hoursOf = (interval: string) => `extract(epoch FROM ${interval}) / 3600`;
    const [stages, responses, taskRows, escalations] = await Promise.all([
      this.db.query<{ stage: string; n: number; p50: number | null; p90: number | null }[]>(
        `SELECT s.stage, count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hoursOf('s.left_at - s.entered_at')}) AS p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hoursOf('s.left_at - s.entered_at')}) AS p90
         FROM report_stage s WHERE ${stays.where} GROUP BY s.stage`,
        stays.params,
      ),
      this.db.query<{ channel: string | null; responded: number; p50: number | null; p90: number | null; assessed: number; within: number }[]>(
        `SELECT c.channel, count(c.first_response_at)::int AS responded,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hoursOf('c.first_response_at - c.opened_at')}) AS p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hoursOf('c.first_response_at - c.opened_at')}) AS p90,
                count(*) FILTER (WHERE c.first_response_at IS NOT NULL OR c.first_response_due_at < $${nowAt})::int AS assessed,
                count(*) FILTER (WHERE c.first_response_at <= c.first_response_due_at)::int AS within
         FROM report_case c WHERE ${opened.where} GROUP BY GROUPING SETS ((c.channel), ()) ORDER BY 1 NULLS LAST`,
        opened.params,
      ),
      this.db.query<{ agency: string; ordered: number; claim_assessed: number; claimed_on_time: number; completion_assessed: number; completed_on_time: number }[]>(
        `SELECT t.agency_code AS agency, count(*)::int AS ordered,
                count(*) FILTER (WHERE t.accept_by IS NOT NULL AND (${TASK_ANSWERED} IS NOT NULL OR t.accept_by < COALESCE(t.closed_at, $${taskNow})))::int AS claim_assessed,
                count(*) FILTER (WHERE ${TASK_ANSWERED} <= t.accept_by)::int AS claimed_on_time,
                count(*) FILTER (WHERE t.due_at IS NOT NULL AND (t.status = 'COMPLETED' OR t.due_at < COALESCE(t.closed_at, $${taskNow})))::int AS completion_assessed,
                count(*) FILTER (WHERE t.status = 'COMPLETED' AND t.completed_at <= t.due_at)::int AS completed_on_time
         FROM report_task t WHERE ${tasks.where} GROUP BY t.agency_code ORDER BY 1`,
        tasks.params,
      ),
      this.db.query<{ agency: string | null; level: number; n: number }[]>(
        `SELECT COALESCE(e.agency_code, 'NONE') AS agency, e.level, count(*)::int AS n FROM report_escalation e WHERE ${esc.where} GROUP BY 1, 2 ORDER BY 1, 2`,
        esc.params,
      ),
    ]);
    const levels = [...new Set(escalations.map((e) => e.level))].sort((a, b) => a - b);
    const agencies = [...new Set(escalations.map((e) => e.agency ?? 'NONE'))];
    return [
      {
        id: 'stage.duration',
        columns: [count('stays'), hours('medianHours', 'stays'), hours('p90Hours', 'stays')],
        rows: STAGE_ORDER.filter((st) => stages.some((r) => r.stage === st)).map((st) => {
          const r = stages.find((x) => x.stage === st)!;
          return { key: st, cells: [r.n, round1(num(r.p50)), round1(num(r.p90))] };
        }),
      },
      {
        id: 'firstResponse',
        columns: [count('responded'), hours('medianHours', 'responded'), hours('p90Hours', 'responded'), count('assessed'), count('withinLimit'), percent('withinLimitPct', 'assessed', 'withinLimit')],
        rows: responses.map((r) => ({ key: r.channel ?? 'ALL', cells: [r.responded, round1(num(r.p50)), round1(num(r.p90)), r.assessed, r.within, share(r.within, r.assessed)] })),
      },
      {
        id: 'tasks.byAgency',
        columns: [
          count('ordered'),
          count('claimAssessed'),
          count('claimedOnTime'),
          percent('claimedOnTimePct', 'claimAssessed', 'claimedOnTime'),
          count('completionAssessed'),
          count('completedOnTime'),
          percent('completedOnTimePct', 'completionAssessed', 'completedOnTime'),
        ],
        rows: taskRows.map((r) => ({
          key: r.agency,
          cells: [r.ordered, r.claim_assessed, r.claimed_on_time, share(r.claimed_on_time, r.claim_assessed), r.completion_assessed, r.completed_on_time, share(r.completed_on_time, r.completion_assessed)],
        })),
      },
      {
        id: 'escalations.byAgency',
        columns: [...levels.map((l) => count(`level${l}`)), { key: 'total', kind: 'count', total: true }],
        rows: agencies.map((a) => {
          const mine = escalations.filter((e) => (e.agency ?? 'NONE') === a);
          return { key: a, cells: [...levels.map((l) => mine.find((e) => e.level === l)?.n ?? 0), mine.reduce((sum, e) => sum + e.n, 0)] };
        }),
      },
    ];
  }

  private async reintegration(s: Scope): Promise<RawFigure[]> {
    const sent = this.cases(s).raw('c.repatriated_at IS NOT NULL').add('c.repatriated_at >= ?', s.period.start).add('c.repatriated_at < ?', s.period.end).raw('c.repatriated_to <> c.region_code');
    const received = inRegion(new SqlFilter(), 'c.repatriated_to', s.region).raw('c.repatriated_at IS NOT NULL').add('c.repatriated_at >= ?', s.period.start).add('c.repatriated_at < ?', s.period.end).raw('c.repatriated_to <> c.region_code');
    if (s.category !== null) received.add('? = ANY(c.categories)', s.category);
    const visits = inRegion(new SqlFilter(), 'm.region_code', s.region).add('m.at >= ?', s.period.start).add('m.at < ?', s.period.end);
    if (s.category !== null) visits.add('EXISTS (SELECT 1 FROM report_case c WHERE c.case_id = m.case_id AND ? = ANY(c.categories))', s.category);
    const home = this.cases(s).raw('c.reintegrated_at IS NOT NULL').add('c.reintegrated_at >= ?', s.period.start).add('c.reintegrated_at < ?', s.period.end);
    const [sentRows, receivedRows, visitRows, typeRows] = await Promise.all([
      this.db.query<{ region: string; n: number }[]>(`SELECT c.repatriated_to AS region, count(*)::int AS n FROM report_case c WHERE ${sent.where} GROUP BY 1 ORDER BY 1`, sent.params),
      this.db.query<{ region: string; n: number }[]>(`SELECT c.region_code AS region, count(*)::int AS n FROM report_case c WHERE ${received.where} GROUP BY 1 ORDER BY 1`, received.params),
      this.db.query<{ visit: number; outcome: string; n: number }[]>(`SELECT m.visit, m.outcome, count(*)::int AS n FROM report_monitoring m WHERE ${visits.where} GROUP BY 1, 2 ORDER BY 1, 2`, visits.params),
      this.db.query<{ type: string | null; n: number }[]>(`SELECT c.reintegration_type AS type, count(*)::int AS n FROM report_case c WHERE ${home.where} GROUP BY 1 ORDER BY 1`, home.params),
    ]);
    const visitNumbers = [...new Set(visitRows.map((v) => v.visit))].sort((a, b) => a - b);
    const outcomes = ['STABLE', 'CONCERN', 'RETURNED_TO_STREET'];
    return [
      { id: 'repatriation.sent', columns: [count('cases')], rows: sentRows.map((r) => ({ key: r.region, cells: [r.n] })) },
      { id: 'repatriation.received', columns: [count('cases')], rows: receivedRows.map((r) => ({ key: r.region, cells: [r.n] })) },
      { id: 'reintegration.byType', columns: [count('cases')], rows: typeRows.map((r) => ({ key: r.type ?? 'UNKNOWN', cells: [r.n] })) },
      {
        id: 'monitoring.outcomes',
        columns: [...outcomes.map((o) => count(o)), { key: 'total', kind: 'count', total: true }, percent('returnedToStreetPct', 'total', 'RETURNED_TO_STREET')],
        rows: visitNumbers.map((v) => {
          const mine = visitRows.filter((r) => r.visit === v);
          const cells = outcomes.map((o) => mine.find((r) => r.outcome === o)?.n ?? 0);
          const total = cells.reduce((a, b) => a + b, 0);
          return { key: String(v), cells: [...cells, total, share(cells[2]!, total)] };
        }),
      },
    ];
  }

  private async repeats(s: Scope): Promise<RawFigure[]> {
    const opened = this.openedIn(s);
    // Each linked case opened in the period, flagged when its person had another case opened in the 12 months before it.
    const flagged = `WITH flagged AS MATERIALIZED (
         SELECT c.case_id, c.categories, cp.person_id,
                EXISTS (SELECT 1 FROM case_person e JOIN report_case ec ON ec.case_id = e.case_id
                        WHERE e.person_id = cp.person_id AND e.case_id <> c.case_id AND ec.opened_at < c.opened_at AND ec.opened_at >= c.opened_at - interval '${REPEAT_WINDOW}') AS repeat
         FROM report_case c JOIN case_person cp ON cp.case_id = c.case_id WHERE ${opened.where})`;
    // One pass over the flagged cases: the total (category null) and each category (a case under each of its categories).
    const rows = await this.db.query<{ category: string | null; linked: number; repeats: number; persons: number }[]>(
      `${flagged}
       SELECT NULL AS category, count(*)::int AS linked, count(*) FILTER (WHERE repeat)::int AS repeats, count(DISTINCT person_id) FILTER (WHERE repeat)::int AS persons FROM flagged
       UNION ALL
       SELECT category, count(*)::int, count(*) FILTER (WHERE repeat)::int, 0
       FROM flagged f, unnest(CASE WHEN cardinality(f.categories) = 0 THEN ARRAY['${NO_CATEGORY}'] ELSE f.categories END) AS category GROUP BY category
       ORDER BY 1 NULLS FIRST`,
      opened.params,
    );
    const totals = rows.filter((r) => r.category === null);
    const byCategory = rows.filter((r): r is typeof r & { category: string } => r.category !== null);
    const t = totals[0] ?? { linked: 0, repeats: 0, persons: 0 };
    const cols = [count('linkedCases'), count('repeatCases'), percent('repeatPct', 'linkedCases', 'repeatCases')];
    return [
      { id: 'repeats.total', columns: [...cols, count('persons')], rows: [{ key: 'ALL', cells: [t.linked, t.repeats, share(t.repeats, t.linked), t.persons] }] },
      { id: 'repeats.byCategory', columns: cols, rows: byCategory.map((r) => ({ key: r.category, cells: [r.linked, r.repeats, share(r.repeats, r.linked)] })) },
    ];
  }

  private async regions(s: Scope): Promise<RawFigure[]> {
    const opened = this.openedIn(s);
    const nowAt = opened.params.push(s.now);
    const closed = this.cases(s).raw('c.closed_at IS NOT NULL').add('c.closed_at >= ?', s.period.start).add('c.closed_at < ?', s.period.end);
    const open = this.cases(s).raw('c.closed_at IS NULL');
    const [o, c, n] = await Promise.all([
      this.db.query<{ region: string; n: number; children: number; assessed: number; within: number }[]>(
        `SELECT c.region_code AS region, count(*)::int AS n, count(*) FILTER (WHERE c.age < 18)::int AS children,
                count(*) FILTER (WHERE c.first_response_due_at IS NOT NULL AND (c.first_response_at IS NOT NULL OR c.first_response_due_at < $${nowAt}))::int AS assessed,
                count(*) FILTER (WHERE c.first_response_at <= c.first_response_due_at)::int AS within
         FROM report_case c WHERE ${opened.where} GROUP BY 1`,
        opened.params,
      ),
      this.db.query<{ region: string; n: number }[]>(`SELECT c.region_code AS region, count(*)::int AS n FROM report_case c WHERE ${closed.where} GROUP BY 1`, closed.params),
      this.db.query<{ region: string; n: number }[]>(`SELECT c.region_code AS region, count(*)::int AS n FROM report_case c WHERE ${open.where} GROUP BY 1`, open.params),
    ]);
    const regions = [...new Set([...o, ...c, ...n].map((r) => r.region))].sort();
    return [
      {
        id: 'regions.summary',
        columns: [count('opened'), count('children'), count('closed'), count('open'), count('firstResponseAssessed'), count('firstResponseWithinLimit'), percent('firstResponseWithinLimitPct', 'firstResponseAssessed', 'firstResponseWithinLimit')],
        rows: regions.map((region) => {
          const a = o.find((r) => r.region === region);
          return {
            key: region,
            cells: [a?.n ?? 0, a?.children ?? 0, c.find((r) => r.region === region)?.n ?? 0, n.find((r) => r.region === region)?.n ?? 0, a?.assessed ?? 0, a?.within ?? 0, share(a?.within ?? 0, a?.assessed ?? 0)],
          };
        }),
      },
    ];
  }

  /** The cases behind one row of a figure, newest first (for roles that may list cases). */
  async casesBehind(actor: Actor, figure: DrillDownFigure, key: string, filter: ReportFilter, limit: number, offset: number, now = new Date()): Promise<{ items: ReportCaseRef[]; total: number }> {
    const s = this.scope(actor, filter, now);
    const f = figure === 'closed.byReason' ? this.cases(s).raw('c.closed_at IS NOT NULL').add('c.closed_at >= ?', s.period.start).add('c.closed_at < ?', s.period.end) : figure.startsWith('caseload.') ? this.cases(s).raw('c.closed_at IS NULL') : this.openedIn(s);
    if (figure.startsWith('caseload.') && s.agency !== null) f.add('c.responsible_agency = ?', s.agency);
    switch (figure) {
      case 'opened.byChannel':
        f.add('c.channel = ?', key);
        break;
      case 'opened.bySex':
        f.add('c.sex = ?', key);
        break;
      case 'opened.byAgeGroup': {
        const [lo, hi] = Object.hasOwn(AGE_RANGES, key) ? AGE_RANGES[key]! : [-1, -1];
        f.add('c.age >= ?', lo).add('c.age <= ?', hi);
        break;
      }
      case 'opened.byCategory':
        if (key === NO_CATEGORY) f.raw('cardinality(c.categories) = 0');
        else f.add('? = ANY(c.categories)', key);
        break;
      case 'opened.byIntakePoint':
        f.add('c.intake_village_code = ?', key);
        break;
      case 'closed.byReason':
        f.add('c.closure_reason = ?', key);
        break;
      case 'caseload.byStage':
        f.add('c.stage = ?', key);
        break;
      case 'caseload.byAgency':
        if (key === 'NONE') f.raw('c.responsible_agency IS NULL');
        else f.add('c.responsible_agency = ?', key);
        break;
      case 'caseload.byCaseWorker':
        if (key === 'NONE') f.raw('c.case_worker_id IS NULL');
        else f.add('c.case_worker_id = ?', key);
        break;
    }
    const page = f.params.length;
    const [items, [total]] = await Promise.all([
      this.db.query<{ case_id: string; region_code: string; channel: string; stage: string; categories: string[]; opened_at: Date; closed_at: Date | null }[]>(
        `SELECT c.case_id, c.region_code, c.channel, c.stage, c.categories, c.opened_at, c.closed_at FROM report_case c WHERE ${f.where}
         ORDER BY c.opened_at DESC, c.case_id LIMIT $${page + 1} OFFSET $${page + 2}`,
        [...f.params, limit, offset],
      ),
      this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM report_case c WHERE ${f.where}`, f.params),
    ]);
    return {
      items: items.map((r) => ({ id: r.case_id, regionCode: r.region_code, channel: r.channel, stage: r.stage, categories: r.categories, openedAt: r.opened_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null })),
      total: total?.n ?? 0,
    };
  }
}

const STAGE_ORDER = ['INTAKE', 'HEALTH_CHECK', 'MEDICAL_TREATMENT', 'ASSESSMENT', 'SHELTER', 'REHABILITATION', 'REINTEGRATION', 'MONITORING'];

/** When the agency first answered a task: its claim, or its completion or rejection without a claim. */
const TASK_ANSWERED = `COALESCE(t.claimed_at, CASE WHEN t.status IN ('COMPLETED', 'REJECTED') THEN t.closed_at END)`;
