import type { Client } from '@temporalio/client';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

/** A workflow the worker starts on its task queue every `everySeconds`, through a Temporal Schedule. */
export interface IntervalSchedule {
  scheduleId: string;
  workflowType: string;
  taskQueue: string;
  everySeconds: number;
}

/**
 * Makes sure the Temporal Schedule exists with that interval (created once, updated when the interval
 * changed). One run at a time: a run still going when the next is due makes that one skipped. A run that
 * cannot finish within five intervals (at least five minutes) is ended, and the next one takes over.
 */
export async function ensureIntervalSchedule(client: Client, s: IntervalSchedule): Promise<'created' | 'updated' | 'unchanged'> {
  const every = s.everySeconds * 1000;
  try {
    await client.schedule.create({
      scheduleId: s.scheduleId,
      spec: { intervals: [{ every }] },
      action: { type: 'startWorkflow', workflowType: s.workflowType, taskQueue: s.taskQueue, workflowRunTimeout: Math.max(s.everySeconds * 5, 300) * 1000 },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = client.schedule.getHandle(s.scheduleId);
  const current = (await handle.describe()).spec.intervals?.[0]?.every;
  if (current === every) return 'unchanged';
  await handle.update((previous) => ({ ...previous, spec: { intervals: [{ every }] } }));
  return 'updated';
}
