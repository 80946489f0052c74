import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { markRepeatUpdate } from '../../workflows/case/case.messages';
import type { Actor } from '../../workflows/contracts/actor';
import type { RepeatNotice } from '../../workflows/contracts/repeat';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { sendCaseUpdate } from '../temporal/case-updates';
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
 * protocol decides what that changes (docs/persons.md "What a repeat changes"). The update id is derived
 * from the link, so a retried decision sends it once; the workflow applies a repeat at most once.
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
  async noticeOf(caseId: string): Promise<RepeatNotice | undefined> {
    const [row] = await this.dataSource.query<PreviousRow[]>(
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

  /**
   * Sends the repeat to the case's workflow. The person decision is already recorded: a workflow that
   * cannot take it now (closed case, Temporal away) is logged by case id only and the decision stands.
   */
  async send(actor: Actor, caseId: string, personId: string): Promise<void> {
    const repeat = await this.noticeOf(caseId);
    if (repeat === undefined) return;
    try {
      await sendCaseUpdate(this.temporal.client, caseId, markRepeatUpdate, [{ requestId: `repeat-${caseId}-${personId}`, actor, repeat }], `repeat-${caseId}-${personId}`, this.config.http.commandTimeoutMs);
    } catch (error) {
      this.logger.warn({ caseId, error: (error as Error).name }, 'repeat notice not delivered');
    }
  }
}
