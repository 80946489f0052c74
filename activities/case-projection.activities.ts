import type { DataSource } from 'typeorm';
import type { CaseSnapshot } from '../workflows/contracts/case';
import type { TaskState } from '../workflows/contracts/task';
import { caseWorkflowId } from '../workflows/contracts/case';
import { withSanitizedErrors } from './safe-errors';

export interface CaseProjectionDeps {
  dataSource: DataSource;
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** Column values of a snapshot, in the order of PROJECTED_COLUMNS; fields absent in old snapshots become defaults. */
function row(s: CaseSnapshot): unknown[] {
  return [
    s.caseId,
    caseWorkflowId(s.caseId),
    s.stage,
    s.channel,
    s.regionCode,
    JSON.stringify(s.person),
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
  ];
}

const PROJECTED_COLUMNS = [
  'id', 'workflow_id', 'stage', 'channel', 'region_code', 'person', 'version', 'opened_at', 'updated_at', 'opened_by',
  'origin_region_code', 'protocol_id', 'protocol_version', 'ppks_categories', 'warnings', 'closure', 'responsible_agency',
  'deadline_at', 'overdue', 'escalations', 'last_action', 'stage_entered_at',
];
const UPDATED = PROJECTED_COLUMNS.filter((c) => !['id', 'workflow_id', 'opened_at'].includes(c));
const UPSERT = `INSERT INTO case_view (${PROJECTED_COLUMNS.join(', ')})
  VALUES (${PROJECTED_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${UPDATED.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
  WHERE case_view.version < EXCLUDED.version`;

/**
 * Writes case state into the read model. Idempotent and order-safe: a retried or late activity
 * carrying an older version never overwrites a newer row.
 */
export function createCaseProjectionActivities({ dataSource }: CaseProjectionDeps) {
  return {
    projectCase: (snapshot: CaseSnapshot): Promise<void> =>
      withSanitizedErrors('projectCase', async () => {
        await dataSource.query(UPSERT, row(snapshot));
      }),

    /**
     * Brings the inbox rows up to the workflow's view of its tasks (status, assignee, outcome). Rows
     * not yet delivered by the agency's queue are skipped: the dispatch writes them in their state.
     */
    projectTasks: (caseId: string, tasks: TaskState[]): Promise<void> =>
      withSanitizedErrors('projectTasks', async () => {
        for (const t of tasks) {
          await dataSource.query(
            `UPDATE agency_task SET status = $3, assignee_id = $4, assignee_name = $5, outcome = $6, reason = $7, closed_at = $8
              WHERE case_id = $1 AND task_key = $2`,
            [caseId, t.order.taskKey, t.status, t.assignee?.id ?? null, t.assignee?.name ?? null, t.outcome === null ? null : JSON.stringify(t.outcome), t.reason, t.closedAt],
          );
        }
      }),
  };
}
