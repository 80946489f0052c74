import type { DataSource } from 'typeorm';
import type { AgencyTaskOrder, TaskReceipt } from '../workflows/contracts/task';
import { withSanitizedErrors } from './safe-errors';

export interface AgencyTaskDeps {
  dataSource: DataSource;
}

/**
 * The default implementation of an agency's queue (Sinergi's worker serves every agency queue unless
 * the agency runs its own worker): records the task in the agency's inbox. Exactly once per task key:
 * a retry, or a redelivery after a worker crash mid-dispatch, finds the row and returns its receipt.
 */
export function createAgencyTaskActivities({ dataSource }: AgencyTaskDeps) {
  return {
    dispatchAgencyTask: (order: AgencyTaskOrder): Promise<TaskReceipt> =>
      withSanitizedErrors('dispatchAgencyTask', async () => {
        const rows = await dataSource.query<{ id: string }[]>(
          `INSERT INTO agency_task (case_id, task_key, type, agency_code, region_code, dispatched_at, due_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (case_id, task_key) DO UPDATE SET case_id = EXCLUDED.case_id
           RETURNING id`,
          [order.caseId, order.taskKey, order.type, order.agencyCode, order.regionCode, order.dispatchedAt, order.dueAt],
        );
        return { taskId: (rows[0] as { id: string }).id, recordedBy: 'sinergi' };
      }),
  };
}
