import type { DataSource } from 'typeorm';
import type { CaseSnapshot } from '../workflows/contracts/case';
import { caseWorkflowId } from '../workflows/contracts/case';
import { withSanitizedErrors } from './safe-errors';

export interface CaseProjectionDeps {
  dataSource: DataSource;
}

/**
 * Writes case state into the read model. Idempotent and order-safe: a retried or late activity
 * carrying an older version never overwrites a newer row.
 */
export function createCaseProjectionActivities({ dataSource }: CaseProjectionDeps) {
  return {
    projectCase: (snapshot: CaseSnapshot): Promise<void> =>
      withSanitizedErrors('projectCase', async () => {
        await dataSource.query(
        `INSERT INTO case_view (id, workflow_id, stage, channel, region_code, person, version, opened_at, updated_at, opened_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET
           stage = EXCLUDED.stage, channel = EXCLUDED.channel, region_code = EXCLUDED.region_code,
           person = EXCLUDED.person, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
         WHERE case_view.version < EXCLUDED.version`,
        [
          snapshot.caseId,
          caseWorkflowId(snapshot.caseId),
          snapshot.stage,
          snapshot.channel,
          snapshot.regionCode,
          JSON.stringify(snapshot.person),
          snapshot.version,
          snapshot.openedAt,
          snapshot.updatedAt,
          snapshot.openedBy === null ? null : JSON.stringify(snapshot.openedBy),
        ],
      );
      }),
  };
}
