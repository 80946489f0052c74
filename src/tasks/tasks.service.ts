import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { taskUpdates } from '../../workflows/case/case.messages';
import type { Actor } from '../../workflows/contracts/actor';
import type { TaskAction, TaskRequest } from '../../workflows/contracts/task';
import { AccessLog } from '../access-log/access-log.service';
import { SecurityLog } from '../security-log/security-log.service';
import { LedgerRefusals } from '../ledger/ledger-refusals.service';
import { PuskesosIntake } from '../puskesos/puskesos-intake.service';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import { requestKeyOf } from '../common/request-key';
import { SqlFilter } from '../common/sql-filter';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { UserEntity } from '../users/user.entity';
import { TemporalClientService } from '../temporal/temporal-client.service';
import type { UpdateAnswer } from '../temporal/case-updates';
import { sendCaseUpdate } from '../temporal/case-updates';
import { translateUpdateFailure } from '../temporal/temporal-errors';
import { fieldErrors, normalizeStrings } from '../common/validation/zod-body.pipe';
import { parseWith } from '../../workflows/contracts/commands';
import { OUTCOME_PERSONAL_PATHS, OUTCOME_SCHEMAS } from '../../workflows/case/task-outcomes';
import { ERASED_TEXT, PersonalData } from '../personal-data/personal-data.service';
import { taskActionsFor } from '../../workflows/case/task-rules';
import type { ListTasksQuery, TaskAcceptedResponse, TaskListResponse, TaskResponse } from './dto/task.dto';
import type { CaseFacts } from './task-brief';
import { briefOf } from './task-brief';
import type { TaskStateRow } from './task-state';
import { OVERDUE, taskState } from './task-state';

interface TaskRow extends TaskStateRow {
  case_id: string;
  task_key: string;
  region_code: string;
  outcome: Record<string, unknown> | null;
  person: CaseFacts['person'];
  ppks_categories: string[] | null;
  origin_region_code: string | null;
  referral: { reason: string | null; referredBy: string | null } | null;
  /** The desa/kelurahan of the case's intake point (a complaint taken in at a village Puskesos), else null. */
  intake_village: string | null;
}

const COLUMNS = `id, case_id, task_key, type, agency_code, region_code, status, dispatched_at, due_at, accept_by, assignee_name, outcome, ${OVERDUE} AS overdue`;
/** A task with the case facts its brief may take (the read model's row; none while the case is not projected yet). */
// A referral to the regency carries why and by whom: the Puskesos intake task it completed (docs/puskesos.md).
const REFERRAL = `CASE WHEN t.type = 'REGENCY_REFERRAL' THEN (SELECT jsonb_build_object('reason', i.outcome->'reason', 'referredBy', i.assignee_name) FROM agency_task i
  WHERE i.case_id = t.case_id AND i.type = 'COMPLAINT_INTAKE' AND i.status = 'COMPLETED' ORDER BY i.closed_at DESC LIMIT 1) END`;
// The brief's name comes from the registry (case_subject); sex and age from the read model.
const PERSON = `CASE WHEN c.id IS NOT NULL THEN jsonb_build_object('sex', c.person->'sex', 'approximateAge', c.person->'approximateAge', 'name', coalesce(s.name, '${ERASED_TEXT}')) END`;
const TASKS_WITH_FACTS = `(SELECT t.*, ${PERSON} AS person, c.ppks_categories, c.origin_region_code, c.intake_point->>'villageCode' AS intake_village, ${REFERRAL} AS referral
  FROM agency_task t LEFT JOIN case_view c ON c.id = t.case_id LEFT JOIN case_subject s ON s.case_id = t.case_id) AS task`;
const BRIEF_COLUMNS = `${COLUMNS}, person, ppks_categories, origin_region_code, referral, intake_village`;
/** A village Puskesos officer's inbox: the tasks of cases taken in at their village. */
const OF_VILLAGE = `case_id IN (SELECT id FROM case_view WHERE intake_point->>'villageCode' = ?)`;

const toTask = (r: TaskRow, actor: Actor): TaskResponse => ({
  ...taskState(r),
  caseId: r.case_id,
  regionCode: r.region_code,
  outcome: r.outcome,
  allowedActions: taskActionsFor(actor, { status: r.status, agencyCode: r.agency_code, regionCode: r.region_code, type: r.type }),
  case: briefOf(r.type, { person: r.person, ppksCategories: r.ppks_categories, originRegionCode: r.origin_region_code }),
  referral: r.referral,
});

type TaskBody = Pick<TaskRequest, 'outcome' | 'reason'> & { assigneeUserId?: string };

export interface TaskActOutcome {
  httpStatus: 200 | 202;
  body: TaskResponse | TaskAcceptedResponse;
}

const absent = () => new DomainError('TASK_NOT_FOUND', 'No task with this id');

/**
 * Agency staff work their own agency's inbox of their region, a village Puskesos officer (`post`) only
 * the tasks of their own village's complaints; a supervisor reassigns within the region.
 */
function mayWork(actor: Actor, post: string | null, task: TaskRow, action: TaskAction): boolean {
  if (action === 'reassignTask') return inRegionScope(actor.regionCode, task.region_code);
  return actor.agencyCode === task.agency_code && actor.regionCode === task.region_code && (post === null || post === task.intake_village);
}

/** The outcome must fit the task's type: the schema the workflow's validator checks again. Returns it normalised. */
function checkedOutcome(type: TaskRow['type'], outcome: unknown): Record<string, unknown> {
  const parsed = parseWith<Record<string, unknown>>(OUTCOME_SCHEMAS[type], normalizeStrings(outcome), 'outcome');
  if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', 'The request is invalid', fieldErrors(parsed.problems));
  return parsed.value;
}

/**
 * Agency inboxes. Reads come from the agency_task table; every change goes to the case workflow as an
 * update (the workflow is the single writer), whose answer is already projected when it returns.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly refusals: LedgerRefusals,
    private readonly access: AccessLog,
    private readonly security: SecurityLog,
    private readonly puskesos: PuskesosIntake,
    private readonly personal: PersonalData,
  ) {}

  /** Agency staff and systems: their agency's inbox (a village Puskesos officer: their village's). Supervisors and auditors: every agency in scope. */
  async list(actor: Actor, query: ListTasksQuery): Promise<TaskListResponse> {
    const f = new SqlFilter();
    if (actor.agencyCode !== null) f.add('agency_code = ?', actor.agencyCode).add('region_code = ?', actor.regionCode);
    else f.inRegion('region_code', actor.regionCode);
    const post = await this.puskesos.postOf(actor);
    if (post !== null) f.add(OF_VILLAGE, post);
    if (query.status) f.add('status = ?', query.status);
    if (query.agencyCode) f.add('agency_code = ?', query.agencyCode);
    if (query.caseId) f.add('case_id = ?', query.caseId);
    if (query.overdue !== undefined) f.raw(`${query.overdue ? '' : 'NOT '}${OVERDUE}`);
    const { where: filter, params } = f;
    const rows = await this.dataSource.query<TaskRow[]>(
      `SELECT ${BRIEF_COLUMNS} FROM ${TASKS_WITH_FACTS} WHERE ${filter} ORDER BY dispatched_at, id LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(`SELECT count(*)::int AS total FROM agency_task WHERE ${filter}`, params);
    // The brief (the person's name…) and a recorded outcome (e.g. a health check's findings) are the person's data: their reads are logged.
    await this.access.record(actor, 'GET /tasks', rows.filter((r) => r.person !== null || r.outcome !== null || r.referral !== null).map((r) => r.case_id));
    return { items: (await this.personal.open(rows)).map((r) => toTask(r, actor)), total };
  }

  /**
   * Works a task through its case's workflow. A task outside the caller's inbox (another agency, another
   * region, another village's Puskesos) looks absent. A refused request is recorded in the case's ledger; 202 when the workflow
   * accepted the request but its result is not readable yet.
   */
  async act(actor: Actor, taskId: string, action: TaskAction, body: TaskBody, key: string | undefined, onlyType?: TaskRow['type']): Promise<TaskActOutcome> {
    const task = await this.load(taskId);
    if (!mayWork(actor, await this.puskesos.postOf(actor), task, action)) return this.security.refuse(actor, { kind: 'task', id: taskId, regionCode: task.region_code }, `POST /tasks/:id/${action}`, absent());
    // A step named for one task type (the referral to the regency completes a Puskesos intake task only).
    if (onlyType !== undefined && task.type !== onlyType) throw new DomainError('ILLEGAL_TRANSITION', `Only a ${onlyType} task takes this step`);
    // Personal text of an outcome is sealed under the person's key before it reaches the workflow or the ledger.
    if (action === 'completeTask') body = { ...body, outcome: await this.personal.sealPaths(task.case_id, checkedOutcome(task.type, body.outcome), OUTCOME_PERSONAL_PATHS[task.type]) };
    // A rejection's reason is free text too (it may say who the person is): sealed like a note.
    if (action === 'rejectTask') body = await this.personal.sealPaths(task.case_id, body, [['reason']]);
    const idempotencyKey = requestKeyOf(key);
    const requestId = `${actor.id}:${action}:${idempotencyKey}`;
    const what = { requestId, action, agencyCode: task.agency_code, taskKey: task.task_key, payload: { taskKey: task.task_key, ...body } };
    const answer = await this.refusals.recorded(actor, task.case_id, what, () => this.send(actor, task, action, body, requestId));
    if (!answer.done) return { httpStatus: 202, body: { id: taskId, status: 'ACCEPTED', requestId, idempotencyKey } };
    const done = await this.load(taskId);
    if (done.person !== null || done.outcome !== null || done.referral !== null) await this.access.record(actor, 'POST /tasks/:id/<action>', [done.case_id]);
    return { httpStatus: 200, body: toTask(await this.personal.open(done), actor) };
  }

  private async send(actor: Actor, task: TaskRow, action: TaskAction, body: TaskBody, requestId: string): Promise<UpdateAnswer<unknown>> {
    const assignee = body.assigneeUserId === undefined ? undefined : await this.assignee(body.assigneeUserId, task);
    const request: TaskRequest = {
      requestId,
      actor,
      taskKey: task.task_key,
      ...(body.outcome !== undefined ? { outcome: body.outcome } : {}),
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(assignee !== undefined ? { assignee } : {}),
    };
    try {
      return await sendCaseUpdate(this.temporal.client, task.case_id, taskUpdates[action], [request], requestId, this.config.http.commandTimeoutMs);
    } catch (error) {
      return translateUpdateFailure(error, /already (completed|rejected|cancelled)/, 'TASK_CLOSED');
    }
  }

  private async load(id: string): Promise<TaskRow> {
    const [row] = await this.dataSource.query<TaskRow[]>(`SELECT ${BRIEF_COLUMNS} FROM ${TASKS_WITH_FACTS} WHERE id = $1`, [id]);
    if (row === undefined) throw absent();
    return row;
  }

  private async assignee(userId: string, task: TaskRow): Promise<{ id: string; name: string }> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId, active: true });
    const [agency] = user?.agencyId ? await this.dataSource.query<{ code: string }[]>('SELECT code FROM agency WHERE id = $1', [user.agencyId]) : [];
    // A village Puskesos officer takes their own village's tasks only (docs/puskesos.md).
    const otherVillage = user !== null && user.villageCode !== null && user.villageCode !== task.intake_village;
    if (user === null || agency?.code !== task.agency_code || user.regionCode !== task.region_code || otherVillage) {
      throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'assigneeUserId', messages: ["the assignee must be an active officer of the task's agency (and village)"] }]);
    }
    return { id: user.id, name: user.username };
  }
}
