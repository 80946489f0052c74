import type { CommandRequest } from '../contracts/case';
import { COMMAND_FAILURES } from '../contracts/commands';
import type { Actor } from '../contracts/actor';
import type { TaskAction, TaskRequest, TaskState, TaskStatus, TaskType } from '../contracts/task';
import { isSealed, SEALED_SCHEMA } from '../contracts/sealed';
import { schemaProblems } from '../contracts/commands';
import type { CaseState } from './case-state';
import { applyCommand } from './case-state';
import type { Acceptance } from './stage-machine';
import { decide } from './stage-machine';
import { ledgerActor, record } from './journal';
import { restartTaskClock } from './task-deadlines';
import { addEscalation } from './escalation-ladder';
import { commandFor, outcomeProblems } from './task-outcomes';
import { freeTextProblem, TEXT_LIMITS } from '../domain/free-text';

/** Failure types of task updates (mapped by the API: 400, 409, 403). */
export const TASK_FAILURES = { ...COMMAND_FAILURES, otherAgency: 'OTHER_AGENCY' } as const;

export type TaskCheck =
  | { ok: true; task: TaskState; command?: CommandRequest; decision?: Acceptance }
  | { ok: false; failure: (typeof TASK_FAILURES)[keyof typeof TASK_FAILURES]; reason: string };

const within = (scope: string, region: string) => region.startsWith(scope);

/**
 * What is wrong with a task request's own fields (the outcome's schema for the task's type, the
 * rejection's free text); empty when well-formed. The update's validator only: a handler never checks
 * shapes again, because replaying an older history must accept what an older, looser API let through.
 */
export function taskRequestProblems(state: CaseState, action: TaskAction, req: TaskRequest): string[] {
  const task = state.tasks.find((t) => t.order.taskKey === req.taskKey);
  if (action === 'rejectTask') {
    // Sealed by the API after it checked the text as given; in clear from any other caller, and in older histories.
    const problem = isSealed(req.reason) ? schemaProblems(SEALED_SCHEMA, req.reason).map((p) => p.message)[0] : freeTextProblem(req.reason, { max: TEXT_LIMITS.note, multiline: true });
    return problem === undefined ? [] : [`reason ${problem}`];
  }
  return action === 'completeTask' && task !== undefined ? outcomeProblems(task.order.type, req.outcome) : [];
}

/**
 * What an actor may do with a task now: the rules checkTaskRequest applies (an open task, the task's
 * own agency and region, a supervisor of the region to reassign); whether a given outcome or reason
 * passes is decided when it is sent. The inbox shows exactly these buttons.
 */
export function taskActionsFor(
  actor: Pick<Actor, 'role' | 'agencyCode' | 'regionCode'>,
  task: { status: TaskStatus; agencyCode: string; regionCode: string; type?: TaskType },
): InboxAction[] {
  if (task.status !== 'OPEN' && task.status !== 'CLAIMED') return [];
  if (actor.role === 'SUPERVISOR') return within(actor.regionCode, task.regionCode) ? ['reassignTask'] : [];
  if (actor.agencyCode !== task.agencyCode || actor.regionCode !== task.regionCode) return [];
  // Completing a Puskesos intake task is the referral to the regency: the inbox names the step itself.
  const complete = task.type === 'COMPLAINT_INTAKE' ? 'referToRegency' : 'completeTask';
  return task.status === 'OPEN' ? ['claimTask', complete, 'rejectTask'] : [complete, 'rejectTask'];
}

/** What an inbox offers: the task actions, and for a Puskesos intake task the referral to the regency (its completion). */
export type InboxAction = TaskAction | 'referToRegency';
export const INBOX_ACTIONS = ['claimTask', 'completeTask', 'rejectTask', 'reassignTask', 'referToRegency'] as const satisfies readonly InboxAction[];

/** Whether a task request may proceed in the case's state; pure, used by the update's validator and again by its handler. */
export function checkTaskRequest(state: CaseState, action: TaskAction, req: TaskRequest): TaskCheck {
  const task = state.tasks.find((t) => t.order.taskKey === req.taskKey);
  if (task === undefined) return { ok: false, failure: TASK_FAILURES.invalid, reason: 'no such task on this case' };
  if (task.status === 'COMPLETED' || task.status === 'REJECTED' || task.status === 'CANCELLED') return { ok: false, failure: TASK_FAILURES.illegal, reason: `the task is already ${task.status.toLowerCase()}` };
  const { actor } = req;
  if (action === 'reassignTask') {
    if (actor.role !== 'SUPERVISOR' || !within(actor.regionCode, task.order.regionCode)) return { ok: false, failure: TASK_FAILURES.role, reason: 'only a supervisor of the region reassigns tasks' };
    return req.assignee === undefined ? { ok: false, failure: TASK_FAILURES.invalid, reason: 'assignee is required' } : { ok: true, task };
  }
  if (actor.agencyCode !== task.order.agencyCode || actor.regionCode !== task.order.regionCode) {
    return { ok: false, failure: TASK_FAILURES.otherAgency, reason: "this task belongs to another agency's inbox" };
  }
  if (action === 'rejectTask') return isSealed(req.reason) || (typeof req.reason === 'string' && req.reason.trim() !== '') ? { ok: true, task } : { ok: false, failure: TASK_FAILURES.invalid, reason: 'reason is required' };
  if (action === 'claimTask') return task.status === 'OPEN' ? { ok: true, task } : { ok: false, failure: TASK_FAILURES.illegal, reason: 'the task is already claimed' };
  const command = commandFor(task.order.type, req.outcome ?? {}, task.order.regionCode);
  if (command === undefined) return { ok: true, task };
  const decision = decide(state.facts, command, actor.role);
  if (!decision.ok) return { ok: false, failure: TASK_FAILURES.illegal, reason: decision.reason };
  return { ok: true, task, command: { requestId: req.requestId, actor, command }, decision };
}

/** Applies an accepted task request; the case moves on when the outcome decides a step. */
export function applyTaskRequest(state: CaseState, action: TaskAction, req: TaskRequest, check: Extract<TaskCheck, { ok: true }>, now: string): void {
  const { task } = check;
  const { taskKey, agencyCode, type } = task.order;
  const referredTo = action === 'rejectTask' ? (state.protocolDoc?.onTaskRejected ?? 'AGENCY_SUPERVISOR') : undefined;
  record(state, now, {
    action,
    outcome: 'ACCEPTED',
    actor: ledgerActor(req.actor),
    agencyCode,
    taskKey,
    // A sealed reason stays in the payload (the `reason` column is plain text); a clear one (older histories) as before.
    reason: req.reason === undefined || isSealed(req.reason) ? null : req.reason,
    summary: `${action} ${taskKey}${referredTo === undefined ? '' : ` → ${referredTo}`}`,
    payload: {
      taskKey,
      type,
      ...(req.outcome !== undefined ? { outcome: req.outcome } : {}),
      ...(req.assignee !== undefined ? { assignee: req.assignee } : {}),
      ...(referredTo !== undefined ? { referredTo } : {}),
      ...(isSealed(req.reason) ? { reason: req.reason } : {}),
    },
  });
  if (action === 'claimTask') {
    Object.assign(task, { status: 'CLAIMED', assignee: { id: req.actor.id, name: req.actor.name } });
    if (state.taskDeadlines === true) restartTaskClock(task);
  }
  if (action === 'rejectTask' || action === 'completeTask') task.overdue = false;
  if (action === 'reassignTask') task.assignee = req.assignee ?? null;
  if (action === 'rejectTask') {
    Object.assign(task, { status: 'REJECTED', reason: req.reason ?? null, closedAt: now });
    // The protocol decides who takes it from here; the decision request is on the case's record.
    const notify = referredTo ?? 'AGENCY_SUPERVISOR';
    addEscalation(state, { stage: state.stage, taskKey, level: 0, notify, at: now });
  }
  if (action === 'completeTask') Object.assign(task, { status: 'COMPLETED', outcome: req.outcome ?? null, closedAt: now, assignee: task.assignee ?? { id: req.actor.id, name: req.actor.name } });
  if (check.command !== undefined && check.decision !== undefined) {
    applyCommand(state, check.command, check.decision, now);
  } else {
    state.processedRequests = [...state.processedRequests, req.requestId].slice(-1000);
    state.version += 1;
    state.updatedAt = now;
  }
  state.lastAction = { action, actorId: req.actor.id, actorName: req.actor.name, role: req.actor.role, at: now };
}
