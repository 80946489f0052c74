import { Context } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../workflows/contracts/ledger';
import { DEFAULT_PERSONAL_DATA_RETENTION } from '../workflows/domain/retention';
import type { LedgerCase } from './person-ledger';
import { LEDGER_CASE_COLUMNS } from './person-ledger';
import { casesOfPerson, eraseCaseSubject, erasePersonData } from './personal-data-erasure';
import { withSanitizedErrors } from './safe-errors';

/**
 * How long personal data is kept after a case closes (UU 27/2022 Pasal 42, docs/personal-data.md
 * "Retention"): each protocol version's period, the default for a case whose protocol is not among them,
 * and the statutory minimum no period goes below.
 */
export interface RetentionPolicy {
  periods: { id: string; version: number; period: string }[];
  defaultPeriod: string;
  minRetentionDays: number;
}

export interface RetentionDeps {
  dataSource: DataSource;
  /** Absent (tests of other activities): every case keeps the default period. */
  retention?: RetentionPolicy;
}

/** Recorded on the person row (shown in the data report), never in the ledger; no personal data. */
export const RETENTION_ERASURE_REASON = 'Masa retensi habis: semua kasus ditutup lebih lama dari masa retensi protokolnya (penghapusan otomatis)';

/** Rows looked at per query; the sweep pages on by id until none is left. */
const PAGE = 200;

const RETENTION_CTE = `retention AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, version int, period interval))`;
/**
 * A case (alias `c`, its protocol's period `r`) whose personal data is due: closed, and closed at least its
 * period and the statutory minimum ago. Interval arithmetic in PostgreSQL: `P5Y` is five calendar years.
 */
const CASE_DUE = `(c.stage = 'CLOSED'
  AND coalesce(c.stage_entered_at, c.opened_at) + coalesce(r.period, $2::interval) <= clock_timestamp()
  AND coalesce(c.stage_entered_at, c.opened_at) + make_interval(days => $3) <= clock_timestamp())`;
const RETENTION_JOIN = 'LEFT JOIN retention r ON r.id = c.protocol_id AND r.version = c.protocol_version';

type Query = Pick<EntityManager, 'query'>;
const policyParams = (p: RetentionPolicy) => [JSON.stringify(p.periods), p.defaultPeriod, p.minRetentionDays];

/**
 * Registered persons due for erasure, by id after `after`: not erased, not merged away, no legal hold,
 * and every case of theirs (those of the records merged into them included) due. A person without a case
 * is never due. `only` narrows it to one person (the check under the lock).
 */
async function duePersons(q: Query, policy: RetentionPolicy, after: string, only: string | null): Promise<string[]> {
  const rows = await q.query<{ id: string }[]>(
    `WITH RECURSIVE ${RETENTION_CTE},
     fam(root, id) AS (
       SELECT p.id, p.id FROM person p
       WHERE p.merged_into IS NULL AND p.erased_at IS NULL AND p.legal_hold_at IS NULL AND p.id > $4::uuid AND ($5::uuid IS NULL OR p.id = $5::uuid)
       UNION SELECT fam.root, q.id FROM person q JOIN fam ON q.merged_into = fam.id)
     SELECT fam.root AS id FROM fam JOIN case_person l ON l.person_id = fam.id JOIN case_view c ON c.id = l.case_id ${RETENTION_JOIN}
     GROUP BY fam.root HAVING bool_and(${CASE_DUE}) ORDER BY fam.root LIMIT ${PAGE}`,
    [...policyParams(policy), after, only],
  );
  return rows.map((r) => r.id);
}

/** Closed cases never linked to a registered person whose subject (the person as given at opening) is due. */
async function dueUnlinkedCases(q: Query, policy: RetentionPolicy, after: string, only: string | null): Promise<LedgerCase[]> {
  return q.query<LedgerCase[]>(
    `WITH ${RETENTION_CTE}
     SELECT ${LEDGER_CASE_COLUMNS} FROM case_view c JOIN case_subject s ON s.case_id = c.id ${RETENTION_JOIN}
     WHERE s.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM case_person l WHERE l.case_id = c.id) AND ${CASE_DUE}
       AND c.id > $4::uuid AND ($5::uuid IS NULL OR c.id = $5::uuid)
     ORDER BY c.id LIMIT ${PAGE}
     ${only === null ? '' : 'FOR UPDATE OF s SKIP LOCKED'}`,
    [...policyParams(policy), after, only],
  );
}

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Erases one due person as a supervisor's erasure would (activities/personal-data-erasure.ts), with the
 * SYSTEM actor and the basis RETENTION_EXPIRED, in its own transaction. The person is locked (skipped if
 * someone else holds it: the next run takes it) and checked again under the lock, so a legal hold set or
 * a case linked meanwhile keeps them. False when nothing was erased.
 */
async function erasePersonIfDue(dataSource: DataSource, policy: RetentionPolicy, personId: string): Promise<boolean> {
  return dataSource.transaction(async (m) => {
    const locked = await m.query<unknown[]>('SELECT id FROM person WHERE id = $1 FOR UPDATE SKIP LOCKED', [personId]);
    if (locked.length === 0 || !(await duePersons(m, policy, FIRST_ID, personId)).includes(personId)) return false;
    const { personIds, cases } = await casesOfPerson(m, personId);
    await m.query('SELECT id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [personIds]);
    await erasePersonData(m, { personId, personIds, cases, actor: SYSTEM_ACTOR, legalBasis: 'RETENTION_EXPIRED', reason: RETENTION_ERASURE_REASON });
    return true;
  });
}

/** Erases one due unlinked case's subject in its own transaction, its subject row locked and checked again. */
async function eraseCaseIfDue(dataSource: DataSource, policy: RetentionPolicy, caseId: string): Promise<boolean> {
  return dataSource.transaction(async (m) => {
    const [kase] = await dueUnlinkedCases(m, policy, FIRST_ID, caseId);
    if (kase === undefined) return false;
    await eraseCaseSubject(m, kase, SYSTEM_ACTOR, 'RETENTION_EXPIRED');
    return true;
  });
}

/** Pages through what `find` lists by id, erasing each; how many were erased. */
async function sweep<T>(find: (after: string) => Promise<T[]>, idOf: (item: T) => string, erase: (id: string) => Promise<boolean>): Promise<number> {
  let erased = 0;
  let after = FIRST_ID;
  for (let page = await find(after); page.length > 0; page = await find(after)) {
    for (const item of page) {
      after = idOf(item);
      Context.current().heartbeat(after);
      if (await erase(after)) erased += 1;
    }
  }
  return erased;
}

/** The activity of the retention sweep (workflows/retention-sweep.workflow.ts), run by the worker's Temporal Schedule. */
export function createRetentionActivities({ dataSource, retention }: RetentionDeps) {
  const policy: RetentionPolicy = retention ?? { periods: [], defaultPeriod: DEFAULT_PERSONAL_DATA_RETENTION, minRetentionDays: 0 };
  return {
    /**
     * Ends the processing of personal data whose retention period is over (Pasal 42): erases every due
     * registered person, then the subject of every due case never linked to one. Idempotent: what is
     * erased is no longer due, so a retried or second run finds nothing. Counts only, no personal data
     * (the result is visible in Temporal).
     */
    eraseExpiredPersonalData: (): Promise<{ personsErased: number; casesErased: number }> =>
      // A driver's error text may quote values: only its SQLSTATE reaches Temporal's history and the log.
      withSanitizedErrors('eraseExpiredPersonalData', async () => {
        const personsErased = await sweep((after) => duePersons(dataSource, policy, after, null), (id) => id, (id) => erasePersonIfDue(dataSource, policy, id));
        const casesErased = await sweep((after) => dueUnlinkedCases(dataSource, policy, after, null), (c) => c.id, (id) => eraseCaseIfDue(dataSource, policy, id));
        return { personsErased, casesErased };
      }),
  };
}
