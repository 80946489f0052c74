import type { Client } from '@temporalio/client';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

/** One schedule per case task queue: the reports are made where that queue's worker and database are. */
export function monthlyReportScheduleId(taskQueue: string): string {
  return `monthly-reports:${taskQueue}`;
}

/**
 * On the first of each month at 01:00 Asia/Jakarta (WIB; 02:00 WITA, 03:00 WIT: the first everywhere),
 * after the previous month has ended in every zone of the country.
 */
export const MONTHLY_REPORT_CALENDAR = { dayOfMonth: 1, hour: 1, minute: 0 } as const;
export const MONTHLY_REPORT_TIME_ZONE = 'Asia/Jakarta';

/**
 * Makes sure the Temporal Schedule that starts `monthlyReports` on the first of each month exists
 * (docs/monthly-report.md). One run at a time; a run missed while Temporal was down is
 * caught up within a day; a run that cannot finish in six hours is ended (the next month's goes on,
 * and a manual trigger makes the missing ones: stored months are skipped).
 */
export async function ensureMonthlyReportSchedule(client: Client, taskQueue: string): Promise<'created' | 'unchanged'> {
  try {
    await client.schedule.create({
      scheduleId: monthlyReportScheduleId(taskQueue),
      spec: { calendars: [MONTHLY_REPORT_CALENDAR], timezone: MONTHLY_REPORT_TIME_ZONE },
      action: { type: 'startWorkflow', workflowType: 'monthlyReports', taskQueue, workflowRunTimeout: '6 hours' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    return 'unchanged';
  }
}
