import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities';
import { createAgencyActivities } from '../../activities';
import { agencyTaskQueue } from '../../workflows/contracts/task';

/**
 * Activity-only Workers on the agency queues Sinergi serves (`agency-<code>`), one per agency, so a
 * backlog or a stopped worker on one agency's queue never holds up another's.
 */
export function createAgencyWorkers(connection: NativeConnection, namespace: string, agencyCodes: readonly string[], deps: ActivityDeps): Promise<Worker[]> {
  return Promise.all(
    agencyCodes.map((code) =>
      Worker.create({
        connection,
        namespace,
        taskQueue: agencyTaskQueue(code),
        activities: createAgencyActivities(deps),
        maxConcurrentActivityTaskExecutions: 4,
        shutdownGraceTime: '10 seconds',
      }),
    ),
  );
}
