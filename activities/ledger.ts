import { createHash } from 'node:crypto';
import type { LedgerEntry, LedgerRecord } from '../workflows/contracts/ledger';
import { GENESIS_HASH } from '../workflows/contracts/ledger';
import { recordReportFacts } from './report-facts';

/**
 * The ledger's chain, shared by the writer (projection activities, the API's refusals) and the
 * verifier (the API's /history/verify). scripts/verify-ledger-export.ts re-implements the same rules
 * on its own, so an auditor can check an export without this code base: see docs/audit.md.
 */

/** JSON with object keys sorted at every level and no whitespace; undefined members are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const members = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
  return `{${members.join(',')}}`;
}

/** SHA-256 (hex) over the canonical JSON of every field but `hash`. */
export function ledgerHash(record: Omit<LedgerRecord, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...hashed } = record;
  return createHash('sha256').update(canonicalJson(hashed), 'utf8').digest('hex');
}

/** Runs one SQL statement inside the caller's transaction. */
export type Sql = <T = unknown>(text: string, params?: unknown[]) => Promise<T>;

/** Row shape of case_event as pg returns it. */
export interface LedgerRow {
  case_id: string;
  seq: number;
  source_key: string;
  action: string;
  outcome: LedgerRecord['outcome'];
  actor_id: string;
  actor_name: string;
  actor_role: string;
  actor_agency: string | null;
  agency_code: string | null;
  task_key: string | null;
  reason: string | null;
  summary: string;
  payload: Record<string, unknown> | null;
  snapshot: LedgerRecord['snapshot'];
  region_code: string;
  protocol_id: string | null;
  protocol_version: number | null;
  occurred_at: Date;
  recorded_at: Date;
  workflow_id: string | null;
  run_id: string | null;
  event_id: number | null;
  prev_hash: string;
  hash: string;
}

export const LEDGER_COLUMNS = `case_id, seq, source_key, action, outcome, actor_id, actor_name, actor_role, actor_agency, agency_code, task_key,
  reason, summary, payload, snapshot, region_code, protocol_id, protocol_version, occurred_at, recorded_at, workflow_id, run_id, event_id, prev_hash, hash`;

export function recordOf(r: LedgerRow): LedgerRecord {
  return {
    caseId: r.case_id,
    seq: r.seq,
    key: r.source_key,
    action: r.action,
    outcome: r.outcome,
    actor: { id: r.actor_id, name: r.actor_name, role: r.actor_role, agencyCode: r.actor_agency },
    agencyCode: r.agency_code,
    taskKey: r.task_key,
    reason: r.reason,
    summary: r.summary,
    payload: r.payload,
    snapshot: r.snapshot,
    regionCode: r.region_code,
    protocol: r.protocol_id === null || r.protocol_version === null ? null : { id: r.protocol_id, version: r.protocol_version },
    occurredAt: r.occurred_at.toISOString(),
    recordedAt: r.recorded_at.toISOString(),
    workflowId: r.workflow_id,
    runId: r.run_id,
    eventId: r.event_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** What jsonb will give back: JSON values only (undefined members dropped, Dates as strings). */
const asStored = <T>(value: T): T => (value === null ? value : (JSON.parse(JSON.stringify(value)) as T));
const isoMs = (iso: string): string => new Date(iso).toISOString();

function chained(caseId: string, seq: number, e: LedgerEntry, recordedAt: string, prevHash: string): LedgerRecord {
  const unhashed: Omit<LedgerRecord, 'hash'> = {
    caseId,
    seq,
    key: e.key,
    action: e.action,
    outcome: e.outcome,
    actor: { id: e.actor.id, name: e.actor.name, role: e.actor.role, agencyCode: e.actor.agencyCode },
    agencyCode: e.agencyCode,
    taskKey: e.taskKey,
    reason: e.reason,
    summary: e.summary,
    payload: asStored(e.payload),
    snapshot: asStored(e.snapshot),
    regionCode: e.regionCode,
    protocol: e.protocol === null ? null : { id: e.protocol.id, version: e.protocol.version },
    occurredAt: isoMs(e.occurredAt),
    recordedAt,
    workflowId: e.origin?.workflowId ?? null,
    runId: e.origin?.runId ?? null,
    eventId: e.origin?.eventId ?? null,
    prevHash,
  };
  return { ...unhashed, hash: ledgerHash(unhashed) };
}

/**
 * Appends entries to a case's chain, inside the caller's transaction. Idempotent: entries whose key the
 * case already holds are skipped (a retried activity writes nothing twice). The head row is locked, so
 * concurrent writers of one case (workflow activities, API refusals) queue up and the chain stays linear.
 */
export async function appendLedger(sql: Sql, caseId: string, entries: readonly LedgerEntry[], recordedAt = new Date()): Promise<number> {
  if (entries.length === 0) return 0;
  // Creates the head on first use and locks it in one statement (DO UPDATE takes the row lock).
  const [head] = await sql<{ seq: number; hash: string }[]>(
    `INSERT INTO case_ledger_head (case_id, seq, hash) VALUES ($1, 0, $2)
     ON CONFLICT (case_id) DO UPDATE SET case_id = EXCLUDED.case_id RETURNING seq, hash`,
    [caseId, GENESIS_HASH],
  );
  const known = await sql<{ source_key: string }[]>(`SELECT source_key FROM case_event WHERE case_id = $1 AND source_key = ANY($2)`, [caseId, entries.map((e) => e.key)]);
  const skip = new Set(known.map((k) => k.source_key));
  let { seq, hash } = head as { seq: number; hash: string };
  const rows: LedgerRecord[] = [];
  for (const entry of entries) {
    if (skip.has(entry.key)) continue;
    skip.add(entry.key);
    const r = chained(caseId, seq + 1, entry, recordedAt.toISOString(), hash);
    rows.push(r);
    ({ seq, hash } = r);
  }
  if (rows.length === 0) return 0;
  const width = 25;
  const values = rows.map((_, i) => `(${Array.from({ length: width }, (__, c) => `$${i * width + c + 1}`).join(', ')})`).join(', ');
  await sql(`INSERT INTO case_event (${LEDGER_COLUMNS}) VALUES ${values}`, rows.flatMap(columnsOf));
  await sql(`UPDATE case_ledger_head SET seq = $2, hash = $3 WHERE case_id = $1`, [caseId, seq, hash]);
  // The report summary tables follow the ledger in the same transaction (docs/reports.md).
  await recordReportFacts(sql, rows);
  return rows.length;
}

/** A record's values in the order of LEDGER_COLUMNS. */
function columnsOf(r: LedgerRecord): unknown[] {
  return [r.caseId, r.seq, r.key, r.action, r.outcome, r.actor.id, r.actor.name, r.actor.role, r.actor.agencyCode, r.agencyCode, r.taskKey, r.reason, r.summary,
    r.payload === null ? null : JSON.stringify(r.payload), r.snapshot === null ? null : JSON.stringify(r.snapshot), r.regionCode, r.protocol?.id ?? null,
    r.protocol?.version ?? null, r.occurredAt, r.recordedAt, r.workflowId, r.runId, r.eventId, r.prevHash, r.hash];
}
