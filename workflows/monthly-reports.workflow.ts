import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { produceMonthlyReports } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '5 minutes',
  // The database away: retried with backoff; regions already stored are skipped on the next attempt.
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 20 },
});

/**
 * The coordination forum's monthly reports (docs/monthly-report.md): started by the worker's
 * Temporal Schedule on the first of each month, it has every region with supervisors get the previous
 * month's PDF and workbook, which their notifications announce. The month is the one before the run's
 * start (workflow time, deterministic), so a late or retried run still reports the same month.
 */
export async function monthlyReports(): Promise<{ stored: number; existing: number }> {
  return produceMonthlyReports({ asOf: new Date().toISOString() });
}
