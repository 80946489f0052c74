import type { DataConverter } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { ActivityDeps } from '../../activities';
import { createAgencyActivities } from '../../activities';
import { agencyTaskQueue, legacyAgencyTaskQueue } from '../../workflows/contracts/task';
import { selectsAgencyQueue } from '../config/agency-queue-selectors';

/** An agency queue Sinergi's worker serves: one region's agency, or (regionCode null) the queue of cases from before per-region queues. */
export interface AgencyQueue {
  agencyCode: string;
  regionCode: string | null;
}

export const queueName = ({ agencyCode, regionCode }: AgencyQueue): string => (regionCode === null ? legacyAgencyTaskQueue(agencyCode) : agencyTaskQueue(regionCode, agencyCode));

/**
 * The queues to serve: every active agency of the directory that the selectors pick
 * (`SINERGI_AGENCY_QUEUES`), and the legacy queue of each of their codes (running cases opened before
 * per-region queues still send there; drop it once none is left).
 */
export async function agencyQueuesToServe(dataSource: DataSource, selectors: readonly string[]): Promise<AgencyQueue[]> {
  const rows = await dataSource.query<{ code: string; region_code: string }[]>('SELECT code, region_code FROM agency WHERE active ORDER BY region_code, code');
  const regional = rows.filter((r) => selectsAgencyQueue(selectors, r.region_code, r.code)).map((r) => ({ agencyCode: r.code, regionCode: r.region_code }));
  const legacy = [...new Set(regional.map((q) => q.agencyCode))].map((agencyCode) => ({ agencyCode, regionCode: null }));
  return [...regional, ...legacy];
}

/**
 * An activity-only Worker per agency queue, so a backlog or a stopped worker on one agency's queue
 * never holds up another's. One poller each: a province has hundreds of these queues.
 */
export function createAgencyWorkers(connection: NativeConnection, namespace: string, queues: readonly AgencyQueue[], deps: ActivityDeps, dataConverter?: DataConverter): Promise<Worker[]> {
  return Promise.all(
    queues.map((queue) =>
      Worker.create({
        connection,
        namespace,
        dataConverter,
        taskQueue: queueName(queue),
        activities: createAgencyActivities(deps),
        maxConcurrentActivityTaskExecutions: 4,
        maxConcurrentActivityTaskPolls: 1,
        shutdownGraceTime: '10 seconds',
      }),
    ),
  );
}
