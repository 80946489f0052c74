import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { eraseExpiredPersonalData } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  // The database away: retried with backoff (what was erased is no longer due); the next scheduled run starts afresh.
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 10 },
});

/**
 * Ends the processing of personal data whose retention period is over (UU 27/2022 Pasal 42,
 * docs/personal-data.md "Retention"): started by the worker's Temporal Schedule, one run at a time.
 * Returns how many persons and unlinked cases were erased: counts only, no personal data.
 */
export async function retentionSweep(): Promise<{ personsErased: number; casesErased: number }> {
  return eraseExpiredPersonalData();
}
