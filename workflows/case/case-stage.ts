import type { AgencyTaskOrder, TaskType } from '../contracts/task';
import { parseDuration, plusMs } from '../domain/duration';
import type { CaseState } from './case-state';
import type { LadderClock } from './escalation-ladder';
import { fireDueRungs, nextRungAt } from './escalation-ladder';
import { record } from './journal';
import type { StageFacts } from './stage-table';
import { STAGE_TABLE } from './stage-table';

/**
 * What the case's current stage means, from the stage table and the pinned protocol: its deadline and
 * the escalation ladder walking it, the responsible agency, and the agency tasks entering it orders.
 * Pure; times are ISO strings / epoch ms of workflow time.
 */
function stageFacts(state: CaseState): StageFacts {
  const { channel, regionCode, originRegionCode, openedAt, stageEnteredAt, shelterExtensionDays, monitoringVisitsDone, deadlineAt } = state;
  return { channel, regionCode, originRegionCode, openedAt, stageEnteredAt, shelterExtensionDays, monitoringVisitsDone, deadlineAt, isChild: state.facts.isChild, repatriation: state.facts.reintegrationType === 'REPATRIATION' };
}

/** The current stage's deadline from the pinned protocol, or null when the stage has none. */
export function deadlineOf(state: CaseState): string | null {
  const deadline = STAGE_TABLE[state.stage].deadline;
  return state.protocolDoc === null || deadline === undefined ? null : deadline(stageFacts(state), state.protocolDoc);
}

/** Sets the deadline afresh and resets the ladder (on stage entry, extension, or a monitoring visit). */
export function restartClock(state: CaseState): void {
  state.deadlineAt = deadlineOf(state);
  state.overdue = false;
  state.ladderLevel = 0;
}

export function responsibleAgency(state: CaseState): string | null {
  const step = STAGE_TABLE[state.stage].step;
  if (step === undefined || state.protocolDoc === null) return null;
  // A referred complaint is the regency's unit's until the case moves on (pmks-domain §5.2).
  const referred = state.stage === 'INTAKE' && state.facts.regencyReferral === 'REFERRED' ? state.protocolDoc.agencies.COMPLAINT_REFERRAL : undefined;
  return referred ?? state.protocolDoc.agencies[step(stageFacts(state))];
}

/** The stage's own clock on the escalation ladder. */
function stageClock(state: CaseState): LadderClock {
  return {
    deadline: () => state.deadlineAt,
    level: () => state.ladderLevel,
    climb: () => {
      state.overdue = true;
      return (state.ladderLevel += 1);
    },
    recordMissed: (at) => record(state, at, { action: 'deadlineMissed', summary: `${state.stage} deadline ${state.deadlineAt ?? ''}`, payload: { stage: state.stage, deadlineAt: state.deadlineAt } }),
    task: null,
  };
}

/** When the workflow must next wake up for the stage's ladder (epoch ms), or undefined for "no timer". */
export function nextWakeAt(state: CaseState): number | undefined {
  return nextRungAt(state.protocolDoc?.escalation ?? [], state.deadlineAt, state.ladderLevel);
}

/** Fires every rung of the stage's ladder that is due at `nowMs`; true when the state changed (the caller projects it). */
export function applyDueEscalations(state: CaseState, nowMs: number): boolean {
  const changed = fireDueRungs(state, state.protocolDoc?.escalation ?? [], stageClock(state), nowMs);
  if (changed) {
    state.version += 1;
    state.updatedAt = new Date(nowMs).toISOString();
  }
  return changed;
}

/** Orders the current stage's agency tasks (keys are unique per case: type and state version). */
export function orderTasks(state: CaseState, now: string): void {
  const protocol = state.protocolDoc;
  if (!state.dispatchTasks || protocol === null) return;
  for (const { type, step, regionCode } of STAGE_TABLE[state.stage].tasks?.(stageFacts(state)) ?? []) orderTask(state, now, type, protocol.agencies[step], regionCode);
}

/** Orders one agency task now (keys are unique per case: type and state version), with its clock when the case has task clocks. */
export function orderTask(state: CaseState, now: string, type: TaskType, agencyCode: string, regionCode: string): void {
  const protocol = state.protocolDoc;
  if (!state.dispatchTasks || protocol === null) return;
  const order: AgencyTaskOrder = { taskKey: `${type}@v${state.version}`, caseId: state.caseId, type, agencyCode, regionCode, dispatchedAt: now, dueAt: state.deadlineAt };
  const accept = state.taskDeadlines === true && protocol.taskAcceptance !== undefined ? parseDuration(protocol.taskAcceptance) : undefined;
  const clock = state.taskDeadlines === true ? { acceptBy: accept === undefined ? null : plusMs(now, accept), ladderLevel: 0, overdue: false } : {};
  state.tasks = [...state.tasks, { order, receipt: null, status: 'OPEN', assignee: null, outcome: null, reason: null, closedAt: null, ...clock }];
  record(state, now, { action: 'taskOrdered', summary: `${order.taskKey} → ${order.agencyCode} (${regionCode})`, payload: { ...order, ...(clock.acceptBy !== undefined ? { acceptBy: clock.acceptBy } : {}) }, agencyCode: order.agencyCode, taskKey: order.taskKey });
}
