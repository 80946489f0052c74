import type { Client } from '@temporalio/client';
import { ensureIntervalSchedule } from './interval-schedule';

/** One schedule per case task queue: the sweep runs where that queue's worker and database are. */
export function repeatNoticeScheduleId(taskQueue: string): string {
  return `repeat-notice-sweep:${taskQueue}`;
}

/**
 * Makes sure the Temporal Schedule that starts `repeatNoticeSweep` every `everySeconds` exists with that
 * interval. A run that cannot finish in time is ended, and the next one takes its notices.
 */
export function ensureRepeatNoticeSchedule(client: Client, taskQueue: string, everySeconds: number): Promise<'created' | 'updated' | 'unchanged'> {
  return ensureIntervalSchedule(client, { scheduleId: repeatNoticeScheduleId(taskQueue), workflowType: 'repeatNoticeSweep', taskQueue, everySeconds });
}
