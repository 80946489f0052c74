import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, AgencyActivities } from '../../activities';
import type { CaseSnapshot, CommandRequest, OpenCaseInput } from '../contracts/case';
import { CASE_ACTIONS, COMMAND_FAILURES } from '../contracts/lifecycle';
import type { LedgerEntry } from '../contracts/ledger';
import { CaseOverdueKey, CaseStageKey } from '../contracts/search-attributes';
import type { TaskRequest, TaskState } from '../contracts/task';
import { agencyTaskQueue } from '../contracts/task';
import type { CaseState } from './case-state';
import { applyCommand, applyDueEscalations, initialState, nextWakeAt, snapshotOf } from './case-state';
import { caseCommandUpdates, confirmOpenedUpdate, getCaseQuery, TASK_ACTIONS, taskUpdates } from './case.messages';
import { commandProblems } from './command-shape';
import { confirmJournal, record, sealJournal } from './journal';
import { applyDueTaskEscalations, nextTaskWakeAt } from './task-deadlines';
import type { Rejection } from './stage-machine';
import { decide } from './stage-machine';
import type { TaskCheck } from './task-rules';
import { applyTaskRequest, checkTaskRequest } from './task-rules';

/** Webhook deliveries retry until the receiver accepts, backing off to every 10 minutes. */
const { notifyAgencyWebhook } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const { projectCase, projectTasks } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // A projection must never be lost: retry until PostgreSQL is back, with capped backoff.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Cases opened before this patch have no protocol deadlines: their histories must replay unchanged. */
export const LIFECYCLE_PATCH = 'case-lifecycle-v1';
/** Cases opened before this patch dispatch no agency tasks. */
export const AGENCY_TASKS_PATCH = 'agency-tasks-v1';
/** Deliveries recorded before this patch notify no webhook. */
export const AGENCY_WEBHOOKS_PATCH = 'agency-webhooks-v1';
/** Cases opened before this patch have no task clocks and keep superseded tasks open. */
export const TASK_DEADLINES_PATCH = 'task-deadlines-v1';

/**
 * One activity proxy per agency queue. No schedule-to-start limit: when an agency's worker is down
 * its queue backs up and the task waits, while every other agency's work goes on.
 */
const agencyQueues: Record<string, AgencyActivities> = {};
function agency(code: string): AgencyActivities {
  agencyQueues[code] ??= proxyActivities<AgencyActivities>({
    taskQueue: agencyTaskQueue(code),
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });
  return agencyQueues[code];
}

/** Input of a run started by continue-as-new: the whole state, processed request ids included. */
export interface ContinuedCase {
  continued: CaseState;
}

const taskFailure = (c: Extract<TaskCheck, { ok: false }>) => ApplicationFailure.create({ type: c.failure, message: c.reason, nonRetryable: true });

const rejection = (r: Rejection) =>
  ApplicationFailure.create({ type: r.code === 'ROLE_NOT_ALLOWED' ? COMMAND_FAILURES.role : COMMAND_FAILURES.illegal, message: r.reason, nonRetryable: true, details: [{ allowedActions: r.allowedActions }] });

/** A state continued by an older version lacks later fields: give them their "before" values. */
function withLaterFields(older: Partial<CaseState> & Omit<CaseState, 'dispatchTasks' | 'tasks'>): CaseState {
  return { ...older, dispatchTasks: older.dispatchTasks ?? false, tasks: older.tasks ?? [] };
}

/** The server suggests it (history size), or the run passed the case's own event bound. */
function timeToContinueAsNew(state: CaseState): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || (state.maxHistoryEvents !== null && info.historyLength >= state.maxHistoryEvents);
}

/**
 * One case, from intake to closure. The workflow is the single writer of case state; PostgreSQL holds
 * a projection written by activities. Commands are updates validated by the stage machine; deadlines
 * are durable timers that walk the protocol's escalation ladder.
 */
export async function caseWorkflow(input: OpenCaseInput | ContinuedCase): Promise<CaseSnapshot> {
  const continued = 'continued' in input;
  const state: CaseState = continued ? withLaterFields(input.continued) : initialState(input, new Date().toISOString()); // workflow time: deterministic
  if (!continued) state.dispatchTasks = patched(AGENCY_TASKS_PATCH);
  if (!continued) state.notifyWebhooks = patched(AGENCY_WEBHOOKS_PATCH);
  if (!continued) state.taskDeadlines = patched(TASK_DEADLINES_PATCH);
  // Ledger entries ride on the projection activities: written in the same transaction as the read model.
  const ledgerBatch = (): LedgerEntry[] => {
    const { workflowId, runId, historyLength } = workflowInfo();
    return sealJournal(state, () => snapshotOf(state), { workflowId, runId, eventId: historyLength });
  };
  const writeTasks = async (): Promise<void> => {
    const batch = ledgerBatch();
    await projectTasks(state.caseId, state.tasks, batch);
    confirmJournal(state, batch);
  };
  const syncInbox = async (): Promise<void> => {
    if (state.taskDeadlines === true) await writeTasks();
  };
  let projected = continued ? state.version : 0;
  const project = async (): Promise<void> => {
    if (state.version <= projected) return;
    const version = state.version;
    const batch = ledgerBatch();
    await projectCase(snapshotOf(state), batch);
    confirmJournal(state, batch);
    projected = Math.max(projected, version);
  };
  const publishVisibility = () => upsertSearchAttributes([{ key: CaseStageKey, value: state.stage }, { key: CaseOverdueKey, value: state.overdue }]);

  setHandler(getCaseQuery, () => snapshotOf(state));
  setHandler(confirmOpenedUpdate, async () => {
    await condition(() => projected >= 1);
    return snapshotOf(state);
  });
  for (const action of CASE_ACTIONS) {
    setHandler(
      caseCommandUpdates[action],
      async (request: CommandRequest) => {
        if (!state.processedRequests.includes(request.requestId)) {
          const decision = decide(state.facts, request.command, request.actor.role); // state may have moved since validation
          if (!decision.ok) throw rejection(decision);
          applyCommand(state, request, decision, new Date().toISOString());
          publishVisibility();
        }
        await project();
        await syncInbox(); // superseded tasks leave the inbox as CANCELLED
        return snapshotOf(state);
      },
      {
        // Rejected here = nothing in history. A repeated request id passes: its handler returns the state.
        validator: (request: CommandRequest) => {
          if (state.processedRequests.includes(request.requestId)) return;
          const problems = request.command?.action === action ? commandProblems(request.command) : [`the command must be ${action}`];
          if (problems.length > 0) throw ApplicationFailure.create({ type: COMMAND_FAILURES.invalid, message: problems.join('; '), nonRetryable: true });
          const decision = decide(state.facts, request.command, request.actor.role);
          if (!decision.ok) throw rejection(decision);
        },
      },
    );
  }

  for (const action of TASK_ACTIONS) {
    setHandler(
      taskUpdates[action],
      async (request: TaskRequest) => {
        if (!state.processedRequests.includes(request.requestId)) {
          const check = checkTaskRequest(state, action, request); // state may have moved since validation
          if (!check.ok) throw taskFailure(check);
          applyTaskRequest(state, action, request, check, new Date().toISOString());
          publishVisibility();
        }
        await project();
        await writeTasks();
        return snapshotOf(state);
      },
      {
        validator: (request: TaskRequest) => {
          if (state.processedRequests.includes(request.requestId)) return;
          const check = checkTaskRequest(state, action, request);
          if (!check.ok) throw taskFailure(check);
        },
      },
    );
  }

  // Agency tasks go out in the background: a command never waits for an agency's queue.
  const sending = new Set<string>();
  const owed = (t: TaskState) => !sending.has(t.order.taskKey) && (t.receipt === null || (state.notifyWebhooks === true && t.notified !== true));
  const deliver = async (task: TaskState): Promise<void> => {
    sending.add(task.order.taskKey);
    if (task.receipt === null) {
      const receipt = await agency(task.order.agencyCode).dispatchAgencyTask(task.order);
      task.receipt = receipt;
      const { taskKey, agencyCode } = task.order;
      record(state, new Date().toISOString(), { action: 'taskDelivered', agencyCode, taskKey, summary: `${taskKey} in the ${agencyCode} inbox (${receipt.recordedBy})`, payload: { taskKey, ...receipt } });
      // The inbox row exists even when the agency's own worker, not Sinergi's, received the task.
      await writeTasks();
    }
    if (state.notifyWebhooks === true && task.notified !== true) {
      await notifyAgencyWebhook(task.order, task.receipt);
      task.notified = true;
    }
    sending.delete(task.order.taskKey);
  };
  const dispatcher = async (): Promise<void> => {
    for (;;) {
      await condition(() => state.tasks.some(owed));
      for (const t of state.tasks.filter(owed)) void deliver(t);
    }
  };
  void dispatcher();

  if (!continued) await project();
  const withDeadlines = continued || patched(LIFECYCLE_PATCH);

  while (state.stage !== 'CLOSED') {
    const seen = state.version;
    const wakes = [withDeadlines ? nextWakeAt(state) : undefined, state.taskDeadlines === true ? nextTaskWakeAt(state) : undefined].filter((w): w is number => w !== undefined);
    const wake = wakes.length === 0 ? undefined : Math.min(...wakes);
    const changedOrSuggested = () => state.version !== seen || timeToContinueAsNew(state);
    if (wake === undefined) await condition(changedOrSuggested);
    else await condition(changedOrSuggested, Math.max(1, wake - Date.now()));
    if (withDeadlines && applyDueEscalations(state, Date.now())) {
      publishVisibility();
      await project();
    }
    if (state.taskDeadlines === true && applyDueTaskEscalations(state, Date.now())) {
      await project();
      await syncInbox();
    }
    if (timeToContinueAsNew(state)) {
      await condition(allHandlersFinished);
      // Let deliveries in flight finish (bounded: a stopped agency worker must not pin this run);
      // anything still undelivered is sent again by the next run, exactly once per task key.
      await condition(() => sending.size === 0, '5 minutes');
      await project();
      await continueAsNew<typeof caseWorkflow>({ continued: state });
    }
  }
  await condition(allHandlersFinished);
  await project();
  return snapshotOf(state);
}
