import { Context } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseSnapshot } from '../workflows/contracts/case';
import type { LedgerEntry } from '../workflows/contracts/ledger';
import type { TaskState } from '../workflows/contracts/task';
import { isOpenTask } from '../workflows/contracts/task';
import { caseWorkflowId } from '../workflows/contracts/case';
import type { Sql } from './ledger';
import { appendLedger } from './ledger';
import type { AttentionFlag } from '../workflows/contracts/projection';
import { asProjection } from './safe-errors';

export interface CaseProjectionDeps {
  dataSource: DataSource;
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * The person as the read model keeps them: sex, age and the sealed rest. A workflow started before
 * sealing still holds its person in clear: the read model gets sex and age only, and the registry's
 * record of the case (`case_subject`, written at opening since) gets the rest if it lacks it.
 */
const readModelPerson = (p: CaseSnapshot['person']) => ('name' in p ? { sex: p.sex, approximateAge: p.approximateAge } : p);

async function keepLegacySubject(m: EntityManager, s: CaseSnapshot): Promise<void> {
  const p = s.person;
  if (!('name' in p)) return;
  await m.query(`INSERT INTO case_subject (case_id, name, nik, birth_date, guardian) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`, [
    s.caseId,
    p.name,
    p.nik ?? null,
    p.birthDate ?? null,
    json(p.guardian),
  ]);
}

/** Column values of a snapshot, in the order of PROJECTED_COLUMNS; fields absent in old snapshots become defaults. */
function row(s: CaseSnapshot): unknown[] {
  return [
    s.caseId,
    caseWorkflowId(s.caseId),
    s.stage,
    s.channel,
    s.regionCode,
    JSON.stringify(readModelPerson(s.person)),
    s.version,
    s.openedAt,
    s.updatedAt,
    json(s.openedBy),
    s.originRegionCode ?? null,
    s.protocol?.id ?? null,
    s.protocol?.version ?? null,
    s.ppksCategories ?? [],
    JSON.stringify(s.warnings ?? []),
    json(s.closure),
    s.responsibleAgency ?? null,
    s.deadlineAt ?? null,
    s.overdue ?? false,
    JSON.stringify(s.escalations ?? []),
    json(s.lastAction),
    s.stageEnteredAt ?? s.openedAt,
    json(s.intakePoint),
  ];
}

const PROJECTED_COLUMNS = [
  'id', 'workflow_id', 'stage', 'channel', 'region_code', 'person', 'version', 'opened_at', 'updated_at', 'opened_by',
  'origin_region_code', 'protocol_id', 'protocol_version', 'ppks_categories', 'warnings', 'closure', 'responsible_agency',
  'deadline_at', 'overdue', 'escalations', 'last_action', 'stage_entered_at', 'intake_point',
];
const UPDATED = PROJECTED_COLUMNS.filter((c) => !['id', 'workflow_id', 'opened_at'].includes(c));
const UPSERT = `INSERT INTO case_view (${PROJECTED_COLUMNS.join(', ')})
  VALUES (${PROJECTED_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${UPDATED.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
  WHERE case_view.version < EXCLUDED.version`;

const sqlOf = (m: EntityManager): Sql => (text, params) => m.query(text, params);

const TASK_UPSERT = `INSERT INTO agency_task (case_id, task_key, type, agency_code, region_code, dispatched_at, due_at, status, assignee_id, assignee_name, outcome, reason, closed_at, accept_by, overdue, version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
  ON CONFLICT (case_id, task_key) DO UPDATE SET status = EXCLUDED.status, assignee_id = EXCLUDED.assignee_id, assignee_name = EXCLUDED.assignee_name,
    outcome = EXCLUDED.outcome, reason = EXCLUDED.reason, closed_at = EXCLUDED.closed_at, accept_by = EXCLUDED.accept_by, overdue = EXCLUDED.overdue, version = EXCLUDED.version
  WHERE agency_task.version <= EXCLUDED.version`;

/**
 * Brings the inbox up to the workflow's view of its tasks. A task closed before its receipt came back
 * is written too, with its final status: an agency's worker may have recorded it meanwhile, and a late
 * record keeps that status (dispatch never updates it).
 */
async function writeTasks(m: EntityManager, caseId: string, tasks: TaskState[], version: number): Promise<void> {
  for (const t of tasks.filter((task) => task.receipt !== null || !isOpenTask(task))) {
    const o = t.order;
    await m.query(TASK_UPSERT, [caseId, o.taskKey, o.type, o.agencyCode, o.regionCode, o.dispatchedAt, o.dueAt, t.status, t.assignee?.id ?? null, t.assignee?.name ?? null, t.outcome === null ? null : JSON.stringify(t.outcome), typeof t.reason === 'string' || t.reason === null ? t.reason : JSON.stringify(t.reason), t.closedAt, t.acceptBy ?? null, t.overdue ?? false, version]);
  }
}

/** A local projection's statements stop after this (the workflow's bound on a local try is 1 s). */
const LOCAL_STATEMENT_TIMEOUT_MS = 800;

/** Whether this call runs as a local activity (false outside an activity, as in direct tests). */
function runsLocally(): boolean {
  try {
    return Context.current().info.isLocal;
  } catch {
    return false;
  }
}

/** One change of a case, as the workflow hands it to PostgreSQL (`projectChange`). */
export interface CaseChange {
  caseId: string;
  /** The case as it now stands, when its version moved since the last write; else null. */
  snapshot: CaseSnapshot | null;
  /** The case's tasks, when the inbox must follow this change; else null. */
  tasks: TaskState[] | null;
  /** The case version the tasks belong to. */
  version: number;
  ledger: LedgerEntry[];
}

/**
 * Writes case state into the read model, and the ledger entries that came with it, in one transaction:
 * the read model and the ledger never disagree. Idempotent and order-safe: a retried or late activity
 * carrying an older version never overwrites a newer row, and appends nothing twice.
 */
export function createCaseProjectionActivities({ dataSource }: CaseProjectionDeps) {
  return {
    /**
     * One change in one transaction (case-single-projection-v1): the read model's row, the inbox and
     * the ledger entries with their report facts. Each part is as idempotent and order-safe as in the
     * two activities below, which older runs and the data-error fallback still use.
     */
    projectChange: (change: CaseChange): Promise<void> =>
      asProjection('projectChange', () =>
        dataSource.transaction(async (m) => {
          // A local try is bounded (LOCAL_PROJECTION_BOUND, 1 s): its statements give up a little before,
          // rather than wait on a lock beside the ordinary activity that takes over (ADR 0005).
          if (runsLocally()) await m.query(`SET LOCAL statement_timeout = ${LOCAL_STATEMENT_TIMEOUT_MS}`);
          if (change.snapshot !== null) {
            await m.query(UPSERT, row(change.snapshot));
            await keepLegacySubject(m, change.snapshot);
          }
          if (change.tasks !== null) await writeTasks(m, change.caseId, change.tasks, change.version);
          await appendLedger(sqlOf(m), change.caseId, change.ledger);
        }),
      ),

    projectCase: (snapshot: CaseSnapshot, ledger: LedgerEntry[] = []): Promise<void> =>
      asProjection('projectCase', () =>
        dataSource.transaction(async (m) => {
          await m.query(UPSERT, row(snapshot));
          await keepLegacySubject(m, snapshot);
          await appendLedger(sqlOf(m), snapshot.caseId, ledger);
        }),
      ),

    /**
     * Brings the inbox up to the workflow's view of its delivered tasks: inserts a row the agency's
     * own worker did not write (so its system can still work the task through the API), and updates
     * status, assignee and outcome — only forward: a row holding a later case version is kept (a retried
     * or late activity never turns a completed task back). Open tasks not yet delivered are not shown; a
     * task closed before its delivery is, with its final status (a delivery may still be on its way).
     */
    projectTasks: (caseId: string, tasks: TaskState[], ledger: LedgerEntry[] = [], version = 0): Promise<void> =>
      asProjection('projectTasks', () =>
        dataSource.transaction(async (m) => {
          await writeTasks(m, caseId, tasks, version);
          await appendLedger(sqlOf(m), caseId, ledger);
        }),
      ),

    /** Appends ledger entries alone (a write that failed on data is retried in halves to find the bad one). */
    appendLedgerEntries: (caseId: string, ledger: LedgerEntry[]): Promise<void> =>
      asProjection('appendLedgerEntries', async () => {
        await dataSource.transaction((m) => appendLedger(sqlOf(m), caseId, ledger));
      }),

    /** Lists the case for a person's attention: its data could not be written (ids and codes only). */
    flagCaseForAttention: async (flag: AttentionFlag): Promise<void> => {
      await dataSource.query(
        `INSERT INTO case_attention (case_id, region_code, operation, sqlstate, case_version, quarantined_entries) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (case_id) DO UPDATE SET operation = EXCLUDED.operation, sqlstate = EXCLUDED.sqlstate, case_version = EXCLUDED.case_version,
           quarantined_entries = EXCLUDED.quarantined_entries, last_seen_at = now(), occurrences = case_attention.occurrences + 1`,
        [flag.caseId, flag.regionCode, flag.operation, flag.sqlstate, flag.version, flag.quarantinedEntries],
      );
    },

    /** The case's data was written after all: it leaves the attention list. */
    clearCaseAttention: async (caseId: string): Promise<void> => {
      await dataSource.query('DELETE FROM case_attention WHERE case_id = $1', [caseId]);
    },
  };
}
