import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { deliverPendingRepeatNotices } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  // Temporal away or the database away: retried with backoff; the next scheduled run starts afresh.
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/**
 * Delivers the repeat notices the API could not (docs/persons.md "Delivery"): started by the worker's
 * Temporal Schedule, one run at a time. Returns how many notices ended how.
 */
export async function repeatNoticeSweep(): Promise<Record<string, number>> {
  return deliverPendingRepeatNotices();
}
