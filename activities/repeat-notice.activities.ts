import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { markRepeatUpdate } from '../workflows/case/case.messages';
import { caseWorkflowId } from '../workflows/contracts/case';
import type { RepeatRequest } from '../workflows/contracts/repeat';

export interface RepeatNoticeDeps {
  dataSource: DataSource;
}

/** What became of a notice: the workflow took it (and applied it, or found it changes nothing), the case's workflow had ended, or its validator refused it. */
export type RepeatNoticeOutcome = 'DELIVERED' | 'CASE_ENDED' | 'REFUSED';

/** A pending row of `repeat_notice`: the case and the update request written with the person decision. */
export interface PendingRepeatNotice {
  caseId: string;
  request: RepeatRequest;
}

/** How long a notice is left to the API's own delivery before the sweep takes it. */
const SWEEP_AFTER_SECONDS = 10;
/** Notices per sweep; the next run takes the rest. */
const SWEEP_BATCH = 200;

/**
 * Sends one notice to its case's workflow and records the outcome. The update id is the request id, so
 * the API's delivery and the sweep's, racing or repeated, are applied once. Temporal unreachable throws
 * (the row stays pending); an ended workflow or a refusal is an outcome, recorded, never retried.
 */
export async function deliverRepeatNotice(client: Client, dataSource: DataSource, notice: PendingRepeatNotice, deadlineMs?: number): Promise<RepeatNoticeOutcome> {
  const handle = client.workflow.getHandle(caseWorkflowId(notice.caseId));
  const send = () => handle.executeUpdate(markRepeatUpdate, { args: [notice.request], updateId: notice.request.requestId });
  let outcome: RepeatNoticeOutcome;
  try {
    await (deadlineMs === undefined ? send() : client.withDeadline(Date.now() + deadlineMs, send));
    outcome = 'DELIVERED';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) outcome = 'CASE_ENDED';
    else if (error instanceof WorkflowUpdateFailedError) outcome = 'REFUSED';
    else throw error;
  }
  // Only the row of this request: a later decision for another person (after an undo) wrote a new one.
  await dataSource.query(`UPDATE repeat_notice SET delivered_at = clock_timestamp(), outcome = $2 WHERE case_id = $1 AND request->>'requestId' = $3 AND delivered_at IS NULL`, [notice.caseId, outcome, notice.request.requestId]);
  return outcome;
}

/** The pending notices older than `olderThanSeconds`, oldest first. */
export async function pendingRepeatNotices(dataSource: DataSource, olderThanSeconds: number, limit: number): Promise<PendingRepeatNotice[]> {
  const rows = await dataSource.query<{ case_id: string; request: RepeatRequest }[]>(
    `SELECT case_id, request FROM repeat_notice WHERE delivered_at IS NULL AND created_at < clock_timestamp() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
    [olderThanSeconds, limit],
  );
  return rows.map((r) => ({ caseId: r.case_id, request: r.request }));
}

/** The activity of the repeat-notice sweep (workflows/repeat-notice-sweep.workflow.ts), run by the worker's Temporal Schedule. */
export function createRepeatNoticeActivities({ dataSource }: RepeatNoticeDeps) {
  return {
    /**
     * Delivers the notices the API left pending; counts by outcome. A notice that fails to go (Temporal
     * away, an unexpected answer) stays pending for the next scheduled run and never holds up the others;
     * the database away fails the attempt (retried).
     */
    deliverPendingRepeatNotices: async (): Promise<Record<RepeatNoticeOutcome | 'FAILED', number>> => {
      const counts: Record<RepeatNoticeOutcome | 'FAILED', number> = { DELIVERED: 0, CASE_ENDED: 0, REFUSED: 0, FAILED: 0 };
      for (const notice of await pendingRepeatNotices(dataSource, SWEEP_AFTER_SECONDS, SWEEP_BATCH)) {
        Context.current().heartbeat(notice.caseId);
        try {
          counts[await deliverRepeatNotice(Context.current().client, dataSource, notice)] += 1;
        } catch (error) {
          counts.FAILED += 1;
          Context.current().log.warn('repeat notice not delivered', { caseId: notice.caseId, error: (error as Error).name });
        }
      }
      return counts;
    },
  };
}
