import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import type { CaseSnapshot, OpenCaseInput } from '../contracts/case';
import { registerHandlers } from './case-handlers';
import { CaseRun } from './case-run';
import type { CaseState } from './case-state';
import { initialState, snapshotOf } from './case-state';
import { applyDueEscalations, nextWakeAt } from './case-stage';
import { startTaskDispatch } from './task-dispatch';
import { applyDueTaskEscalations, nextTaskWakeAt } from './task-deadlines';
import { orderIntakeTask } from './regency-referral';

/** Cases opened before this patch have no protocol deadlines: their histories must replay unchanged. */
export const LIFECYCLE_PATCH = 'case-lifecycle-v1';
/** Cases opened before this patch dispatch no agency tasks. */
export const AGENCY_TASKS_PATCH = 'agency-tasks-v1';
/** Deliveries recorded before this patch notify no webhook. */
export const AGENCY_WEBHOOKS_PATCH = 'agency-webhooks-v1';
/** Cases opened before this patch have no task clocks and keep superseded tasks open. */
export const TASK_DEADLINES_PATCH = 'task-deadlines-v1';
/** Runs from this patch on write each change in one local activity (docs/adr/0005-one-local-projection-per-change.md). */
export const SINGLE_PROJECTION_PATCH = 'case-single-projection-v1';
/** Runs from this patch on send tasks to per-region agency queues and never send a task the case moved past. */
export const HARDENING_PATCH = 'case-hardening-v1';

/** Input of a run started by continue-as-new: the whole state, processed request ids included. */
export interface ContinuedCase {
  continued: CaseState;
  /** The version the read model holds (absent before: then taken to be the state's). */
  projected?: number;
}

/** A state continued by an older version lacks later fields: give them their "before" values. */
function withLaterFields(older: Partial<CaseState> & Omit<CaseState, 'dispatchTasks' | 'tasks'>): CaseState {
  return { ...older, dispatchTasks: older.dispatchTasks ?? false, tasks: older.tasks ?? [] };
}

/** The server suggests it (history size), or the run passed the case's own event bound. */
function timeToContinueAsNew(state: CaseState): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || (state.maxHistoryEvents !== null && info.historyLength >= state.maxHistoryEvents);
}

/** The earliest ladder rung due, of the stage's clock and the tasks' clocks (epoch ms). */
function nextWake(state: CaseState, withDeadlines: boolean): number | undefined {
  const wakes = [withDeadlines ? nextWakeAt(state) : undefined, state.taskDeadlines === true ? nextTaskWakeAt(state) : undefined].filter((w): w is number => w !== undefined);
  return wakes.length === 0 ? undefined : Math.min(...wakes);
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
  // A Puskesos complaint starts in the Puskesos inbox (only inputs with an intake point: older histories order nothing here).
  if (!continued) orderIntakeTask(state, state.openedAt);
  const run = new CaseRun(state, continued ? (input.projected ?? state.version) : 0, patched(SINGLE_PROJECTION_PATCH));
  registerHandlers(run);
  const fixed = patched(HARDENING_PATCH);
  startTaskDispatch(run, fixed);
  // From the patch on, waiting for the handlers is the last await before the run ends or continues:
  // an update admitted meanwhile finishes here rather than being cut off. Older histories replay without.
  const lastWaitForHandlers = async () => {
    if (fixed) await run.settleAnswers();
  };

  if (!continued) await run.project();
  const withDeadlines = continued || patched(LIFECYCLE_PATCH);

  while (state.stage !== 'CLOSED') {
    const seen = state.version;
    const wake = nextWake(state, withDeadlines);
    const changedOrSuggested = () => state.version !== seen || timeToContinueAsNew(state);
    if (wake === undefined) await condition(changedOrSuggested);
    else await condition(changedOrSuggested, Math.max(1, wake - Date.now()));
    if (withDeadlines && applyDueEscalations(state, Date.now())) {
      run.publishVisibility();
      await run.project();
    }
    if (state.taskDeadlines === true && applyDueTaskEscalations(state, Date.now())) {
      await run.projectWithInbox(true);
    }
    if (timeToContinueAsNew(state)) {
      await condition(allHandlersFinished);
      // Let deliveries in flight finish (bounded: a stopped agency worker must not pin this run);
      // anything still undelivered is sent again by the next run, exactly once per task key.
      await condition(() => run.sending.size === 0, '5 minutes');
      await run.project();
      await lastWaitForHandlers();
      await continueAsNew<typeof caseWorkflow>({ continued: state, projected: run.projected });
    }
  }
  await condition(allHandlersFinished);
  await run.project();
  await lastWaitForHandlers();
  return snapshotOf(state);
}
