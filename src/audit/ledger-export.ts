import type { LedgerRecord } from '../../workflows/contracts/ledger';

/**
 * CSV export of ledger records: one row per event, nested values as JSON text, an empty cell for null.
 * Cells a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return)
 * get a leading apostrophe; so do cells already starting with one, so an importer strips exactly one
 * leading apostrophe and gets the value back (scripts/verify-ledger-export.ts does).
 */
export const CSV_COLUMNS = [
  'caseId', 'seq', 'key', 'action', 'outcome', 'actorId', 'actorName', 'actorRole', 'actorAgencyCode', 'agencyCode', 'taskKey', 'reason', 'summary',
  'payload', 'snapshot', 'regionCode', 'protocolId', 'protocolVersion', 'occurredAt', 'recordedAt', 'workflowId', 'runId', 'eventId', 'prevHash', 'hash',
] as const;

const json = (v: unknown): string => JSON.stringify(v);

function cells(r: LedgerRecord): (string | number | null)[] {
  return [
    r.caseId, r.seq, r.key, r.action, r.outcome, r.actor.id, r.actor.name, r.actor.role, r.actor.agencyCode, r.agencyCode, r.taskKey, r.reason, r.summary,
    json(r.payload), json(r.snapshot), r.regionCode, r.protocol?.id ?? null, r.protocol?.version ?? null, r.occurredAt, r.recordedAt, r.workflowId, r.runId, r.eventId, r.prevHash, r.hash,
  ];
}

/** Neutralises formula triggers, then quotes per RFC 4180. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r']/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(records: readonly LedgerRecord[]): string {
  const lines = [CSV_COLUMNS.join(','), ...records.map((r) => cells(r).map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON export: the records with what was asked for, and for one case the head to check the end against. */
export interface LedgerExport {
  format: 'sinergi-ledger-export';
  version: 1;
  exportedAt: string;
  exportedBy: string;
  filter: Record<string, unknown>;
  head: { caseId: string; seq: number; hash: string } | null;
  records: LedgerRecord[];
  /**
   * Only when the auditor asked for personal values (`personal=true`): each record's payload and
   * snapshot with the sealed values opened (`[dihapus]` once erased). The records above stay as stored,
   * so the chain verifies whatever this section holds.
   */
  personal?: { caseId: string; seq: number; payload: unknown; snapshot: unknown }[];
}
