import type { CaseSnapshot } from '../workflows/contracts/case';
import type { LedgerRecord } from '../workflows/contracts/ledger';
import type { LedgerRow, Sql } from './ledger';
import { LEDGER_COLUMNS, recordOf } from './ledger';

/**
 * The report summary tables (migration 1764980000000-ReportFacts, docs/reports.md), kept by the ledger's
 * writer: every entry appended also lands here, in the same transaction, so the figures always agree
 * with the ledger and no report scans it. Refused commands (`REJECTED`) change no figure. Entries carry
 * no personal data into these tables: sex, approximate age and categories come from the snapshot, the
 * rest are codes and times.
 */

/** What one batch of entries changes on the case's own row, beyond its snapshot. */
interface CasePatch {
  firstResponseAt: string | null;
  closedAt: string | null;
  reintegrationType: string | null;
  reintegratedAt: string | null;
  repatriatedTo: string | null;
  repatriatedAt: string | null;
  caseWorker: { id: string; name: string } | null;
}

const REINTEGRATION_TYPE_CARRIERS = new Set(['recordAssessment', 'leaveShelter', 'completeRehabilitation']);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const integer = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

const UPSERT_CASE = `INSERT INTO report_case (case_id, region_code, origin_region_code, channel, categories, sex, age, intake_village_code, intake_village_name,
    opened_at, first_response_due_at, stage, responsible_agency, closure_reason, version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT (case_id) DO UPDATE SET region_code = EXCLUDED.region_code, origin_region_code = EXCLUDED.origin_region_code, categories = EXCLUDED.categories,
    sex = EXCLUDED.sex, age = EXCLUDED.age, stage = EXCLUDED.stage, responsible_agency = EXCLUDED.responsible_agency, closure_reason = EXCLUDED.closure_reason,
    version = EXCLUDED.version
  WHERE report_case.version < EXCLUDED.version`;

function upsertCase(sql: Sql, s: CaseSnapshot): Promise<unknown> {
  return sql(UPSERT_CASE, [
    s.caseId,
    s.regionCode,
    s.originRegionCode ?? null,
    s.channel,
    s.ppksCategories ?? [],
    s.person.sex,
    Math.trunc(s.person.approximateAge),
    s.intakePoint?.villageCode ?? null,
    s.intakePoint?.name ?? null,
    s.openedAt,
    // The first response's limit is the deadline of the case's first stage (intake), as the opening set it.
    s.stage === 'INTAKE' ? s.deadlineAt : null,
    s.stage,
    s.responsibleAgency ?? null,
    s.closure?.reason ?? null,
    s.version,
  ]);
}

const PATCH_CASE = `UPDATE report_case SET first_response_at = COALESCE(first_response_at, $2), closed_at = COALESCE($3, closed_at),
    reintegration_type = COALESCE($4, reintegration_type), repatriated_to = COALESCE($5, repatriated_to), repatriated_at = COALESCE($6, repatriated_at),
    case_worker_id = COALESCE($7, case_worker_id), case_worker_name = COALESCE($8, case_worker_name), reintegrated_at = COALESCE(reintegrated_at, $9)
  WHERE case_id = $1`;

/**
 * Appends a batch of chained entries of one case to the summary tables (inside the ledger's transaction).
 * One append may hold several changes (a projection carries every journal entry not yet confirmed: after
 * a failed write, or beside a projection still in flight); each change ends with the entry that carries
 * its snapshot and is recorded on its own, with its own snapshot, as if appended alone.
 */
export async function recordReportFacts(sql: Sql, records: readonly LedgerRecord[]): Promise<void> {
  let change: LedgerRecord[] = [];
  for (const record of records) {
    change.push(record);
    if (record.snapshot !== null) {
      await recordChange(sql, change);
      change = [];
    }
  }
  if (change.length > 0) await recordChange(sql, change);
}

/** One change of a case: the stage it enters takes its agency and the intake limit from this change's snapshot. */
async function recordChange(sql: Sql, records: readonly LedgerRecord[]): Promise<void> {
  const kept = records.filter((r) => r.outcome !== 'REJECTED');
  if (kept.length === 0) return;
  const caseId = kept[0]!.caseId;
  const snapshot = [...kept].reverse().find((r) => r.snapshot !== null)?.snapshot ?? null;
  if (snapshot !== null) await upsertCase(sql, snapshot);
  const patch: CasePatch = { firstResponseAt: null, closedAt: null, reintegrationType: null, reintegratedAt: null, repatriatedTo: null, repatriatedAt: null, caseWorker: null };
  let patched = false;
  const set = <K extends keyof CasePatch>(key: K, value: CasePatch[K]): void => {
    patch[key] = value;
    patched = true;
  };
  for (const r of kept) {
    const p = r.payload ?? {};
    const at = r.occurredAt;
    if (r.outcome === 'ACCEPTED' && r.actor.role === 'CASE_WORKER') set('caseWorker', { id: r.actor.id, name: r.actor.name });
    switch (r.action) {
      case 'openCase':
        if (r.outcome === 'ACCEPTED') await enterStage(sql, caseId, r.regionCode, 'INTAKE', at, snapshot?.stage === 'INTAKE' ? snapshot.responsibleAgency : null);
        break;
      case 'stageChanged': {
        const from = text(p.from);
        const to = text(p.to);
        if (to === null) break;
        if (to === 'CLOSED') await sql(`UPDATE report_stage SET left_at = $2 WHERE case_id = $1 AND left_at IS NULL AND entered_at <= $2`, [caseId, at]);
        else await moveStage(sql, caseId, r.regionCode, to, at, snapshot?.stage === to ? snapshot.responsibleAgency : null);
        if (from === 'INTAKE' && patch.firstResponseAt === null) set('firstResponseAt', at);
        if (to === 'CLOSED') set('closedAt', at);
        if (from === 'REINTEGRATION' && to === 'MONITORING') set('reintegratedAt', at);
        break;
      }
      case 'taskOrdered':
        await sql(
          `INSERT INTO report_task (case_id, task_key, region_code, case_region_code, agency_code, type, ordered_at, accept_by, due_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (case_id, task_key) DO NOTHING`,
          [caseId, text(p.taskKey) ?? r.taskKey, text(p.regionCode) ?? r.regionCode, r.regionCode, text(p.agencyCode) ?? r.agencyCode, text(p.type) ?? 'UNKNOWN', text(p.dispatchedAt) ?? at, text(p.acceptBy), text(p.dueAt)],
        );
        break;
      case 'claimTask':
        if (r.outcome === 'ACCEPTED') await sql(`UPDATE report_task SET claimed_at = COALESCE(claimed_at, $3), status = 'CLAIMED' WHERE case_id = $1 AND task_key = $2 AND closed_at IS NULL`, [caseId, r.taskKey, at]);
        break;
      case 'completeTask':
      case 'rejectTask':
      case 'taskCancelled': {
        const status = r.action === 'completeTask' ? 'COMPLETED' : r.action === 'rejectTask' ? 'REJECTED' : 'CANCELLED';
        await sql(
          `UPDATE report_task SET status = $3, closed_at = $4, completed_at = CASE WHEN $3 = 'COMPLETED' THEN $4::timestamptz ELSE completed_at END
           WHERE case_id = $1 AND task_key = $2 AND closed_at IS NULL`,
          [caseId, r.taskKey ?? text(p.taskKey), status, at],
        );
        break;
      }
      case 'escalated':
        await sql(
          `INSERT INTO report_escalation (case_id, seq, region_code, agency_code, stage, task_key, level, notify, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (case_id, seq) DO NOTHING`,
          [caseId, r.seq, r.regionCode, r.agencyCode, text(p.stage), r.taskKey, integer(p.level) ?? 0, text(p.notify) ?? 'UNKNOWN', at],
        );
        break;
      case 'recordMonitoringVisit':
        if (r.outcome === 'ACCEPTED' && text(p.outcome) !== null)
          await sql(
            `INSERT INTO report_monitoring (case_id, seq, region_code, visit, outcome, at)
             SELECT $1, $2, $3, count(*) + 1, $4, $5 FROM report_monitoring WHERE case_id = $1 ON CONFLICT (case_id, seq) DO NOTHING`,
            [caseId, r.seq, r.regionCode, text(p.outcome), at],
          );
        break;
      case 'acknowledgeRepatriation':
        if (r.outcome === 'ACCEPTED' && text(p.receivingRegionCode) !== null) {
          set('repatriatedTo', text(p.receivingRegionCode));
          set('repatriatedAt', at);
        }
        break;
      default:
        break;
    }
    if (r.outcome === 'ACCEPTED' && REINTEGRATION_TYPE_CARRIERS.has(r.action) && text(p.reintegrationType) !== null) set('reintegrationType', text(p.reintegrationType));
  }
  if (patched)
    await sql(PATCH_CASE, [caseId, patch.firstResponseAt, patch.closedAt, patch.reintegrationType, patch.repatriatedTo, patch.repatriatedAt, patch.caseWorker?.id ?? null, patch.caseWorker?.name ?? null, patch.reintegratedAt]);
}

/**
 * Leaves the open stay and enters the next one, once: on a repeated entry (a backfill over rows already
 * written) the insert finds its row and the open stay is left alone.
 */
function moveStage(sql: Sql, caseId: string, regionCode: string, stage: string, at: string, agencyCode: string | null): Promise<unknown> {
  return sql(
    `WITH entered AS (
       INSERT INTO report_stage (case_id, entered_at, stage, region_code, agency_code) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id, entered_at, stage) DO NOTHING RETURNING 1
     )
     UPDATE report_stage SET left_at = $2 WHERE case_id = $1 AND left_at IS NULL AND entered_at <= $2 AND EXISTS (SELECT 1 FROM entered)`,
    [caseId, at, stage, regionCode, agencyCode],
  );
}

function enterStage(sql: Sql, caseId: string, regionCode: string, stage: string, at: string, agencyCode: string | null): Promise<unknown> {
  return sql(
    `INSERT INTO report_stage (case_id, entered_at, stage, region_code, agency_code) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id, entered_at, stage) DO NOTHING`,
    [caseId, at, stage, regionCode, agencyCode],
  );
}

/**
 * Fills the summary tables from a ledger written before them (the migration): case by case, each case's
 * entries in ledger order, so the rows are those the writer would have written. Pages of
 * `casesPerPage` cases; returns the number of entries read.
 */
export async function backfillReportFacts(sql: Sql, casesPerPage = 500): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const cases = await sql<{ case_id: string }[]>(`SELECT case_id FROM case_ledger_head WHERE case_id > $1 ORDER BY case_id LIMIT $2`, [after, casesPerPage]);
    if (cases.length === 0) return total;
    const ids = cases.map((c) => c.case_id);
    const rows = await sql<LedgerRow[]>(`SELECT ${LEDGER_COLUMNS} FROM case_event WHERE case_id = ANY($1) ORDER BY case_id, seq`, [ids]);
    // recordReportFacts cuts each case's entries into its changes, as the writer saw them.
    let run: LedgerRecord[] = [];
    for (const record of rows.map(recordOf)) {
      if (run.length > 0 && run[0]!.caseId !== record.caseId) {
        await recordReportFacts(sql, run);
        run = [];
      }
      run.push(record);
    }
    if (run.length > 0) await recordReportFacts(sql, run);
    total += rows.length;
    after = ids[ids.length - 1]!;
  }
}
