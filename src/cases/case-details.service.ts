import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { allowedActions } from '../../workflows/case/stage-machine';
import type { Actor } from '../../workflows/contracts/actor';
import type { CaseStage } from '../../workflows/contracts/case';
import { CASE_STAGES } from '../../workflows/contracts/case';
import type { LedgerOutcome } from '../../workflows/contracts/ledger';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import type { PageQuery } from '../common/page.query';
import { SecurityLog } from '../security-log/security-log.service';
import type { TaskStateRow } from '../tasks/task-state';
import { OVERDUE, taskState } from '../tasks/task-state';
import { CaseViewEntity } from './case-view.entity';
import type { CaseActionsResponse, CaseTaskListResponse, CaseTaskResponse, CaseTimelineResponse, TimelineEntryResponse } from './dto/case-details.response';

interface TaskRow extends TaskStateRow {
  closed_at: Date | null;
}

interface TimelineRow {
  seq: number;
  action: string;
  outcome: LedgerOutcome;
  actor_name: string;
  actor_role: string;
  actor_agency: string | null;
  agency_code: string | null;
  summary: string;
  stage: CaseStage | null;
  occurred_at: Date;
}

// Task state only: the outcome (e.g. a health check's findings) and a rejection's reason are left out,
// so this answer holds no personal data beyond the case's own answer and needs no access-log entry.
const TASK_COLUMNS = `id, type, agency_code, status, dispatched_at, due_at, accept_by, assignee_name, closed_at, ${OVERDUE} AS overdue`;

// The stage an entry was recorded in: the one the case's previous change left (the snapshot sits on each
// change's last entry), so a command, its stage change and the tasks it ordered all show the stage the
// command was given in, and a refusal or a delivery the stage it found. The first entry has only its own.
// Summaries only: no payload, reason or snapshot leaves the ledger here.
const TIMELINE_COLUMNS = `e.seq, e.action, e.outcome, e.actor_name, e.actor_role, e.actor_agency, e.agency_code, e.summary, e.occurred_at,
  COALESCE(
    (SELECT s.snapshot->>'stage' FROM case_event s WHERE s.case_id = e.case_id AND s.seq < e.seq AND s.snapshot IS NOT NULL ORDER BY s.seq DESC LIMIT 1),
    e.snapshot->>'stage'
  ) AS stage`;

const toTask = (r: TaskRow): CaseTaskResponse => ({ ...taskState(r), closedAt: r.closed_at?.toISOString() ?? null });

const toEntry = (r: TimelineRow): TimelineEntryResponse => ({
  seq: r.seq,
  action: r.action,
  outcome: r.outcome,
  actor: { name: r.actor_name, role: r.actor_role, agencyCode: r.actor_agency },
  agencyCode: r.agency_code,
  summary: r.summary,
  stage: r.stage,
  occurredAt: r.occurred_at.toISOString(),
});

/**
 * What a case's team reads beside the case itself: the next actions for their role, the case's agency
 * tasks and its timeline. Scoped like GET /cases/:id (another region's case looks absent); nothing here
 * holds personal data, so these reads are not access-logged.
 */
@Injectable()
export class CaseDetails {
  constructor(
    @InjectRepository(CaseViewEntity) private readonly views: Repository<CaseViewEntity>,
    private readonly dataSource: DataSource,
    private readonly security: SecurityLog,
  ) {}

  /** The stage machine's allowed actions for the caller's role at the read model's stage (none once closed). */
  async actions(actor: Actor, id: string): Promise<CaseActionsResponse> {
    const view = await this.scoped(actor, id, 'GET /cases/:id/actions');
    // Only the person's home region acknowledges its handover (the command refuses anyone else: OUT_OF_SCOPE).
    const homeRegion = view.originRegionCode !== null && inRegionScope(actor.regionCode, view.originRegionCode);
    const allowed = allowedActions(view, actor.role).filter((action) => action !== 'acknowledgeRepatriation' || homeRegion);
    // Each change's last ledger entry holds the case's snapshot: the stages it has been in, however long its history.
    const rows = await this.dataSource.query<{ stage: string }[]>(`SELECT DISTINCT snapshot->>'stage' AS stage FROM case_event WHERE case_id = $1 AND snapshot IS NOT NULL`, [id]);
    const entered = new Set<string>([...rows.map((r) => r.stage), view.stage]);
    // The workflow recorded the repeat rules it applied (docs/persons.md "What a repeat changes"): the API reads them, never decides them.
    const repeat = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM case_event WHERE case_id = $1 AND action IN ('repeatNoticed', 'repeatRecorded') AND payload->'rules'->>'assessmentRefersToEarlierPlan' = 'true' LIMIT 1`,
      [id],
    );
    const stagesEntered = CASE_STAGES.filter((stage) => entered.has(stage));
    return { id, stage: view.stage, version: view.version, allowedActions: allowed, stagesEntered, requiresEarlierPlanReference: repeat.length > 0 };
  }

  async tasks(actor: Actor, id: string): Promise<CaseTaskListResponse> {
    await this.scoped(actor, id, 'GET /cases/:id/tasks');
    const rows = await this.dataSource.query<TaskRow[]>(`SELECT ${TASK_COLUMNS} FROM agency_task WHERE case_id = $1 ORDER BY dispatched_at, id`, [id]);
    return { items: rows.map(toTask) };
  }

  async timeline(actor: Actor, id: string, page: PageQuery): Promise<CaseTimelineResponse> {
    await this.scoped(actor, id, 'GET /cases/:id/timeline');
    const rows = await this.dataSource.query<TimelineRow[]>(
      `SELECT ${TIMELINE_COLUMNS} FROM case_event e WHERE e.case_id = $1 ORDER BY e.seq DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      [id],
    );
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(`SELECT count(*)::int AS total FROM case_event WHERE case_id = $1`, [id]);
    return { items: rows.map(toEntry), total, limit: page.limit, offset: page.offset };
  }

  /** The case if it is in the caller's scope; otherwise absent (and the attempt goes to the security log). */
  private async scoped(actor: Actor, id: string, route: string): Promise<CaseViewEntity> {
    const view = await this.views.findOneBy({ id });
    const absent = new DomainError('CASE_NOT_FOUND', 'No case with this id');
    if (view === null) throw absent;
    if (!inRegionScope(actor.regionCode, view.regionCode)) await this.security.refuse(actor, { kind: 'case', id, regionCode: view.regionCode }, route, absent);
    return view;
  }
}
