import { isSealed } from '../contracts/sealed';
import type { TaskState } from '../contracts/task';
import { isOpenTask } from '../contracts/task';
import type { CaseState } from './case-state';
import type { LadderClock } from './escalation-ladder';
import { fireDueRungs, nextRungAt } from './escalation-ladder';
import { record } from './journal';

/**
 * Agency task clocks: an OPEN task must be claimed by its acceptance time, a CLAIMED one completed by
 * its due time; each missed clock walks the protocol's escalation ladder, recorded on the task and in
 * the case's escalations. Pure; times are epoch ms of workflow time.
 */

export function taskDeadline(t: TaskState): string | null {
  if (t.status === 'OPEN') return t.acceptBy ?? t.order.dueAt;
  return t.status === 'CLAIMED' ? t.order.dueAt : null;
}

/** A task's clock on the escalation ladder: acceptance while OPEN, completion while CLAIMED. */
function taskClock(state: CaseState, t: TaskState): LadderClock {
  const task = { taskKey: t.order.taskKey, agencyCode: t.order.agencyCode };
  return {
    deadline: () => (isOpenTask(t) ? taskDeadline(t) : null),
    level: () => t.ladderLevel ?? 0,
    climb: () => {
      t.overdue = true;
      return (t.ladderLevel = (t.ladderLevel ?? 0) + 1);
    },
    recordMissed: (at) =>
      record(state, at, {
        action: 'deadlineMissed',
        summary: `${t.order.taskKey} ${t.status === 'OPEN' ? 'not claimed by' : 'not completed by'} ${taskDeadline(t) ?? ''}`,
        payload: { ...task, status: t.status, deadline: taskDeadline(t) },
        ...task,
      }),
    task,
  };
}

/** The earliest moment a task rung is due (epoch ms), or undefined. */
export function nextTaskWakeAt(state: CaseState): number | undefined {
  const ladder = state.protocolDoc?.escalation ?? [];
  const wakes = state.tasks.map((t) => nextRungAt(ladder, taskClock(state, t).deadline(), t.ladderLevel ?? 0)).filter((w): w is number => w !== undefined);
  return wakes.length === 0 ? undefined : Math.min(...wakes);
}

/** Fires every task rung due at `nowMs`, in time order per task; true when something changed. */
export function applyDueTaskEscalations(state: CaseState, nowMs: number): boolean {
  const ladder = state.protocolDoc?.escalation ?? [];
  let changed = false;
  for (const t of state.tasks) changed = fireDueRungs(state, ladder, taskClock(state, t), nowMs) || changed;
  if (changed) {
    state.version += 1;
    state.updatedAt = new Date(nowMs).toISOString();
  }
  return changed;
}

/** A claim moves the task onto its completion clock: the ladder starts again. */
export function restartTaskClock(t: TaskState): void {
  t.ladderLevel = 0;
  t.overdue = false;
}

/** When the case leaves a stage, that stage's unfinished tasks are cancelled (nobody should still do them). */
export function cancelSupersededTasks(state: CaseState, keepKeys: readonly string[], now: string): boolean {
  let changed = false;
  for (const t of state.tasks) {
    // A repeat notice belongs to no stage: the case moving on does not supersede it.
    if (isOpenTask(t) && !keepKeys.includes(t.order.taskKey) && t.order.type !== 'REPEAT_CHILD_NOTICE') {
      Object.assign(t, { status: 'CANCELLED', reason: 'the case moved on without this task', closedAt: now, overdue: false });
      record(state, now, { action: 'taskCancelled', summary: `${t.order.taskKey} cancelled`, reason: isSealed(t.reason) ? null : t.reason, agencyCode: t.order.agencyCode, taskKey: t.order.taskKey, payload: { taskKey: t.order.taskKey } });
      changed = true;
    }
  }
  return changed;
}
