import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { PendingRepeatNotice } from '../../activities/repeat-notice.activities';
import { deliverRepeatNotice } from '../../activities/repeat-notice.activities';
import type { Actor } from '../../workflows/contracts/actor';
import type { RepeatNotice, RepeatRequest } from '../../workflows/contracts/repeat';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { TemporalClientService } from '../temporal/temporal-client.service';

interface PreviousRow {
  id: string;
  count: number;
  opened_at: Date;
  closed_at: Date | null;
}

/**
 * Tells a case's workflow that its person has earlier cases, once the person is decided: the latest
 * earlier case (opened before this one) and when it was opened and closed. The workflow's pinned
 * protocol decides what that changes (docs/persons.md "What a repeat changes").
 *
 * The notice is written to `repeat_notice` in the decision's own transaction, so it exists exactly when
 * the decision does; the API delivers it after the commit, and what it could not deliver (Temporal away,
 * the API stopped in between) the worker's scheduled sweep delivers later. The update id is derived from
 * the link, so every delivery of a notice is applied at most once.
 */
@Injectable()
export class RepeatNotices {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(RepeatNotices.name);
  }

  /** The case's repeat, if its person has an earlier case. */
  async noticeOf(caseId: string, m: EntityManager = this.dataSource.manager): Promise<RepeatNotice | undefined> {
    const [row] = await m.query<PreviousRow[]>(
      `SELECT oc.id, count(*) OVER ()::int AS count, oc.opened_at, CASE WHEN oc.stage = 'CLOSED' THEN oc.stage_entered_at END AS closed_at
         FROM case_person mine JOIN case_view c ON c.id = mine.case_id
         JOIN case_person o ON o.person_id = mine.person_id JOIN case_view oc ON oc.id = o.case_id
        WHERE mine.case_id = $1 AND oc.opened_at < c.opened_at
        ORDER BY oc.opened_at DESC, oc.id LIMIT 1`,
      [caseId],
    );
    if (row === undefined) return undefined;
    return { count: row.count, previousCaseId: row.id, previousOpenedAt: row.opened_at.toISOString(), previousClosedAt: row.closed_at?.toISOString() ?? null };
  }

  /** In the decision's (or merge's) transaction, after the link is written: the notice to deliver, if the case is a repeat and not noticed so already. */
  async record(m: EntityManager, actor: Actor, caseId: string, personId: string): Promise<PendingRepeatNotice | undefined> {
    const repeat = await this.noticeOf(caseId, m);
    if (repeat === undefined) return undefined;
    const request: RepeatRequest = { requestId: `repeat-${caseId}-${personId}`, actor, repeat };
    // The same request again (a merge over an already linked case) is not written twice.
    const written = await m.query<unknown[]>(
      `INSERT INTO repeat_notice (case_id, person_id, request) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO UPDATE SET person_id = EXCLUDED.person_id, request = EXCLUDED.request, created_at = clock_timestamp(), delivered_at = NULL, outcome = NULL
       WHERE repeat_notice.request->>'requestId' IS DISTINCT FROM EXCLUDED.request->>'requestId'
       RETURNING case_id`,
      [caseId, personId, request],
    );
    return written.length > 0 ? { caseId, request } : undefined;
  }

  /**
   * After the commit: delivers the notice within the API's command wait. Not delivered now (Temporal
   * away or slow) it stays pending for the sweep; the decision stands either way. Logged by case id only.
   */
  async deliver(notice: PendingRepeatNotice): Promise<void> {
    try {
      const outcome = await deliverRepeatNotice(this.temporal.client, this.dataSource, notice, this.config.http.commandTimeoutMs);
      if (outcome !== 'DELIVERED') this.logger.info({ caseId: notice.caseId, outcome }, 'repeat notice not applicable');
    } catch (error) {
      this.logger.warn({ caseId: notice.caseId, error: (error as Error).name }, 'repeat notice left to the sweep');
    }
  }
}
