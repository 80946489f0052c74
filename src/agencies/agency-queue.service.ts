import { Injectable } from '@nestjs/common';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { agencyTaskQueue } from '../../workflows/contracts/task';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { translateTemporalError } from '../temporal/temporal-errors';
import type { AgencyQueueResponse } from './dto/agency.dto';

/**
 * An agency's queue as a supervisor needs to see it: tasks waiting in Temporal for the agency's worker
 * (backlog, oldest waiting, whether any worker polls at all) and the inbox of the supervisor's region.
 */
@Injectable()
export class AgencyQueueService {
  constructor(
    private readonly temporal: TemporalClientService,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async describe(actor: Actor, agencyCode: string): Promise<AgencyQueueResponse> {
    const taskQueue = agencyTaskQueue(agencyCode);
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
    return {
      agencyCode,
      webhook: { delivered: hooks?.delivered ?? 0, failing: hooks?.failing ?? 0, lastError: hooks?.last_error ?? null },
      taskQueue,
      waitingForWorker: Number(described.stats?.approximateBacklogCount ?? 0),
      oldestWaitingSeconds: age ? Number(age.seconds ?? 0) : null,
      workersRecentlyPolling: described.pollers?.length ?? 0,
      inbox: { open: inbox?.open ?? 0, claimed: inbox?.claimed ?? 0, overdue: inbox?.overdue ?? 0, oldestOpenSince: inbox?.oldest?.toISOString() ?? null },
    };
  }
}
