/**
 * Checks a Sinergi ledger export (JSON or CSV) without the server and without Sinergi's code: only
 * Node's crypto and fs. Usage: `node dist/scripts/verify-ledger-export.js <file> [--extends <earlier>]`
 * (after `npm run build`), or `npm run audit:verify -- <file>`. With `--extends`, also checks that every
 * event of an earlier export is still there with the same hash. Exit code 0 when every check passes.
 *
 * Rules (docs/audit.md): every record's `hash` is the SHA-256 (hex) of the canonical JSON (keys sorted
 * at every level, no whitespace) of all its other fields; within a case, the record numbered n+1 holds
 * record n's hash as `prevHash`, and record 1 holds 64 zeros; a case export ends at the head it names.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A record as exported; the fields the chain rules read are typed, the rest is hashed as found. */
type Rec = { caseId: string; seq: number; prevHash: string; hash: string } & { [key: string]: Json };

const ZEROS = '0'.repeat(64);

function canonical(v: Json): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k] as Json)}`).join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** RFC 4180 rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** One CSV row back into the export's record shape (empty cell = null; one leading apostrophe undone). */
function fromCsvRow(header: string[], cells: string[]): Rec {
  const raw = new Map<string, string | null>();
  header.forEach((name, i) => {
    const c = cells[i] ?? '';
    raw.set(name, c === '' ? null : c.startsWith("'") ? c.slice(1) : c);
  });
  const str = (k: string): string | null => raw.get(k) ?? null;
  const int = (k: string): number | null => (str(k) === null ? null : Number(str(k)));
  const json = (k: string): Json => (str(k) === null ? null : (JSON.parse(str(k) as string) as Json));
  return {
    caseId: str('caseId') ?? '',
    seq: int('seq') ?? 0,
    key: str('key'),
    action: str('action'),
    outcome: str('outcome'),
    actor: { id: str('actorId'), name: str('actorName'), role: str('actorRole'), agencyCode: str('actorAgencyCode') },
    agencyCode: str('agencyCode'),
    taskKey: str('taskKey'),
    reason: str('reason'),
    summary: str('summary'),
    payload: json('payload'),
    snapshot: json('snapshot'),
    regionCode: str('regionCode'),
    protocol: str('protocolId') === null ? null : { id: str('protocolId'), version: int('protocolVersion') },
    occurredAt: str('occurredAt'),
    recordedAt: str('recordedAt'),
    workflowId: str('workflowId'),
    runId: str('runId'),
    eventId: int('eventId'),
    prevHash: str('prevHash') ?? '',
    hash: str('hash') ?? '',
  };
}

/** Where a single-case export says the chain ends. */
type Head = { caseId: string; seq: number; hash: string };

export interface ExportCheck {
  records: Rec[];
  problems: string[];
}

/** Reads an export (JSON or CSV text) and checks every record's hash and every link it contains. */
export function checkExport(text: string): ExportCheck {
  const trimmed = text.trimStart();
  let records: Rec[];
  let head: Head | null = null;
  if (trimmed.startsWith('{')) {
    const doc = JSON.parse(trimmed) as { records: Rec[]; head: Head | null };
    records = doc.records;
    head = doc.head;
  } else {
    const [header, ...rows] = parseCsv(text).filter((r) => r.length > 1);
    records = rows.map((r) => fromCsvRow(header as string[], r));
  }
  const problems: string[] = [];
  const last = new Map<string, Rec>();
  for (const r of records) {
    const { hash, ...rest } = r;
    const at = `case ${r.caseId} event ${r.seq}`;
    if (sha256(canonical(rest)) !== hash) problems.push(`${at}: hash does not match its content`);
    const before = last.get(r.caseId);
    if (r.seq === 1 && r.prevHash !== ZEROS) problems.push(`${at}: does not start the chain`);
    if (before !== undefined && before.seq + 1 === r.seq && r.prevHash !== before.hash) problems.push(`${at}: does not link to event ${before.seq}`);
    if (head !== null && before !== undefined && before.seq + 1 !== r.seq) problems.push(`case ${r.caseId}: event ${before.seq + 1} is missing`);
    last.set(r.caseId, r);
  }
  if (head !== null) {
    const end = last.get(head.caseId);
    if (end?.seq !== head.seq || end.hash !== head.hash) problems.push(`case ${head.caseId}: the export does not end at the head (event ${head.seq})`);
    if (records[0] !== undefined && records[0].seq !== 1) problems.push(`case ${head.caseId}: event 1 is missing`);
  }
  return { records, problems };
}

/**
 * An earlier export the auditor kept must be a prefix of the ledger: every event it holds is still in
 * the later export with the same hash. This catches a rewrite that recomputed the whole chain.
 */
export function checkExtends(earlier: readonly Rec[], later: readonly Rec[]): string[] {
  const now = new Map(later.map((r) => [`${r.caseId}#${r.seq}`, r.hash]));
  return earlier
    .filter((r) => now.get(`${r.caseId}#${r.seq}`) !== r.hash)
    .map((r) => `case ${r.caseId} event ${r.seq}: ${now.has(`${r.caseId}#${r.seq}`) ? 'differs from' : 'is missing from'} the earlier export's`);
}

if (require.main === module) {
  const [file, flag, earlierFile] = process.argv.slice(2);
  if (file === undefined || (flag !== undefined && (flag !== '--extends' || earlierFile === undefined))) {
    console.error('usage: verify-ledger-export <export.json|export.csv> [--extends <earlier export>]');
    process.exit(2);
  }
  const checked = checkExport(readFileSync(file, 'utf8'));
  const { records } = checked;
  const problems = earlierFile === undefined ? checked.problems : [...checked.problems, ...checkExtends(checkExport(readFileSync(earlierFile, 'utf8')).records, records)];
  const cases = new Set(records.map((r) => r.caseId)).size;
  if (problems.length === 0) console.log(`OK: ${records.length} events of ${cases} case(s); every hash and link checks out`);
  else for (const p of problems) console.log(`BROKEN: ${p}`);
  process.exit(problems.length === 0 ? 0 : 1);
}
