import type { Client } from '@temporalio/client';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

/** One schedule per case task queue: the sweep runs where that queue's worker and database are. */
export function repeatNoticeScheduleId(taskQueue: string): string {
  return `repeat-notice-sweep:${taskQueue}`;
}

/**
 * Makes sure the Temporal Schedule that starts `repeatNoticeSweep` every `everySeconds` exists with that
 * interval (created once, updated when the interval changed). One run at a time: a run still going when
 * the next is due makes that one skipped. A run that cannot finish within the interval is ended, and the
 * next one takes its notices.
 */
export async function ensureRepeatNoticeSchedule(client: Client, taskQueue: string, everySeconds: number): Promise<'created' | 'updated' | 'unchanged'> {
  const scheduleId = repeatNoticeScheduleId(taskQueue);
  const every = everySeconds * 1000;
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every }] },
      action: { type: 'startWorkflow', workflowType: 'repeatNoticeSweep', taskQueue, workflowRunTimeout: Math.max(everySeconds * 5, 300) * 1000 },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = client.schedule.getHandle(scheduleId);
  const current = (await handle.describe()).spec.intervals?.[0]?.every;
  if (current === every) return 'unchanged';
  await handle.update((previous) => ({ ...previous, spec: { intervals: [{ every }] } }));
  return 'updated';
}
