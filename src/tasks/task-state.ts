import type { TaskStatus, TaskType } from '../../workflows/contracts/task';

/** Overdue: the task's ladder fired (acceptance or completion missed), or it is open past its due time. */
export const OVERDUE = `(status IN ('OPEN', 'CLAIMED') AND (overdue OR (due_at IS NOT NULL AND due_at < now())))`;

/** The columns of a task's state (agency_task), which every view of a task shares. */
export interface TaskStateRow {
  id: string;
  type: TaskType;
  agency_code: string;
  status: TaskStatus;
  dispatched_at: Date;
  due_at: Date | null;
  accept_by: Date | null;
  assignee_name: string | null;
  overdue: boolean;
}

/** A task's state as the API answers it: the inbox adds the brief and outcome, a case's page the closing time. */
export function taskState(r: TaskStateRow) {
  return {
    id: r.id,
    type: r.type,
    agencyCode: r.agency_code,
    status: r.status,
    dispatchedAt: r.dispatched_at.toISOString(),
    dueAt: r.due_at?.toISOString() ?? null,
    acceptBy: r.accept_by?.toISOString() ?? null,
    overdue: r.overdue,
    assigneeName: r.assignee_name,
  };
}
