import { Injectable } from '@nestjs/common';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { agencyTaskQueue } from '../../workflows/contracts/task';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { translateTemporalError } from '../temporal/temporal-errors';
import type { AgencyQueueResponse, AgencyRegionQueue } from './dto/agency.dto';

/**
 * An agency's queues as a supervisor needs to see them: per region of their scope, tasks waiting in
 * Temporal for the agency's worker (backlog, oldest waiting, whether any worker polls at all), with
 * totals; and the inbox and webhook deliveries of their scope.
 */
@Injectable()
export class AgencyQueueService {
  constructor(
    private readonly temporal: TemporalClientService,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async describe(actor: Actor, agencyCode: string): Promise<AgencyQueueResponse> {
    const queues = await Promise.all((await this.regionsOf(actor, agencyCode)).map((regionCode) => this.backlog(regionCode, agencyCode)));
    const [inbox] = await this.dataSource.query<{ open: number; claimed: number; overdue: number; oldest: Date | null }[]>(
      `SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open,
              count(*) FILTER (WHERE status = 'CLAIMED')::int AS claimed,
              count(*) FILTER (WHERE status IN ('OPEN', 'CLAIMED') AND (overdue OR due_at < now()))::int AS overdue,
              min(dispatched_at) FILTER (WHERE status = 'OPEN') AS oldest
         FROM agency_task WHERE agency_code = $1 AND region_code LIKE $2`,
      [agencyCode, `${actor.regionCode}%`],
    );
    const [hooks] = await this.dataSource.query<{ delivered: number; failing: number; last_error: string | null }[]>(
      `SELECT count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered,
              count(*) FILTER (WHERE delivered_at IS NULL)::int AS failing,
              (array_agg(last_error ORDER BY updated_at DESC) FILTER (WHERE delivered_at IS NULL))[1] AS last_error
         FROM webhook_delivery WHERE agency_code = $1 AND region_code LIKE $2`,
      [agencyCode, `${actor.regionCode}%`],
    );
    const ages = queues.map((q) => q.oldestWaitingSeconds).filter((a): a is number => a !== null);
    return {
      agencyCode,
      webhook: { delivered: hooks?.delivered ?? 0, failing: hooks?.failing ?? 0, lastError: hooks?.last_error ?? null },
      queues,
      waitingForWorker: queues.reduce((sum, q) => sum + q.waitingForWorker, 0),
      oldestWaitingSeconds: ages.length === 0 ? null : Math.max(...ages),
      workersRecentlyPolling: Math.min(...queues.map((q) => q.workersRecentlyPolling), queues.length === 0 ? 0 : Infinity),
      inbox: { open: inbox?.open ?? 0, claimed: inbox?.claimed ?? 0, overdue: inbox?.overdue ?? 0, oldestOpenSince: inbox?.oldest?.toISOString() ?? null },
    };
  }

  /** The regions whose queue of this agency the actor oversees: their own kab/kota, or a province's agencies. */
  private async regionsOf(actor: Actor, agencyCode: string): Promise<string[]> {
    if (actor.regionCode.length === 4) return [actor.regionCode];
    const rows = await this.dataSource.query<{ region_code: string }[]>('SELECT region_code FROM agency WHERE code = $1 AND region_code LIKE $2 ORDER BY region_code', [agencyCode, `${actor.regionCode}%`]);
    return rows.map((r) => r.region_code);
  }

  /** Tasks waiting in Temporal for the agency's worker of one region, and whether anyone polls. */
  private async backlog(regionCode: string, agencyCode: string): Promise<AgencyRegionQueue> {
    const taskQueue = agencyTaskQueue(regionCode, agencyCode);
    const { connection } = this.temporal;
    const described = await connection
      .withDeadline(Date.now() + 5_000, () =>
        connection.workflowService.describeTaskQueue({
          namespace: this.config.temporal.namespace,
          taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
          reportStats: true,
        }),
      )
      .catch(translateTemporalError);
    const age = described.stats?.approximateBacklogAge;
    return {
      regionCode,
      taskQueue,
      waitingForWorker: Number(described.stats?.approximateBacklogCount ?? 0),
      oldestWaitingSeconds: age ? Number(age.seconds ?? 0) : null,
      workersRecentlyPolling: described.pollers?.length ?? 0,
    };
  }
}
