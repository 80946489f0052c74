import type { Client } from '@temporalio/client';
import type { RetentionPolicy } from '../../activities/retention.activities';
import { DEFAULT_PERSONAL_DATA_RETENTION, retentionOf } from '../../workflows/domain/retention';
import type { ProtocolRegistry } from '../protocols/protocol-registry';
import { ensureIntervalSchedule } from './interval-schedule';

/** One schedule per case task queue: the sweep runs where that queue's worker and database are. */
export function retentionScheduleId(taskQueue: string): string {
  return `personal-data-retention:${taskQueue}`;
}

/**
 * Makes sure the Temporal Schedule that starts `retentionSweep` every `everySeconds` exists with that
 * interval (docs/personal-data.md "Retention"). A run not finished in time is ended; the next one goes on.
 */
export function ensureRetentionSchedule(client: Client, taskQueue: string, everySeconds: number): Promise<'created' | 'updated' | 'unchanged'> {
  return ensureIntervalSchedule(client, { scheduleId: retentionScheduleId(taskQueue), workflowType: 'retentionSweep', taskQueue, everySeconds });
}

/** The retention periods of every protocol version the worker knows (cases pin old versions too). */
export function retentionPolicy(protocols: ProtocolRegistry, minRetentionDays: number): RetentionPolicy {
  const periods = protocols.versions().map((p) => ({ id: p.id, version: p.version, period: retentionOf(p) }));
  return { periods, defaultPeriod: DEFAULT_PERSONAL_DATA_RETENTION, minRetentionDays };
}
