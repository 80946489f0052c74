import type { RepeatRequest } from '../contracts/repeat';
import { orderTask } from './case-stage';
import type { CaseState } from './case-state';
import { ledgerActor, record } from './journal';

/** What a repeat changed on the case: kept so it is applied once. Absent in cases never marked. */
export interface RepeatMark {
  previousCaseId: string;
  child: boolean;
}

const MAX_REMEMBERED_REQUESTS = 1000;

/** Whether `reference` lies no more than `months` calendar months before `openedAt` (UTC, deterministic). */
export function withinMonths(reference: string, openedAt: string, months: number): boolean {
  const opened = new Date(openedAt);
  const from = new Date(Date.UTC(opened.getUTCFullYear(), opened.getUTCMonth() - months, opened.getUTCDate(), opened.getUTCHours(), opened.getUTCMinutes(), opened.getUTCSeconds()));
  const at = Date.parse(reference);
  return !Number.isNaN(at) && at >= from.getTime();
}

/** Problems of a repeat request's own fields (the update's validator); empty when well-formed. */
export function repeatRequestProblems(request: RepeatRequest): string[] {
  const r = request.repeat as Partial<RepeatRequest['repeat']> | undefined;
  if (typeof r !== 'object' || r === null) return ['repeat is required'];
  const problems: string[] = [];
  if (!Number.isInteger(r.count) || (r.count as number) < 1) problems.push('repeat.count must be an integer ≥ 1');
  if (typeof r.previousCaseId !== 'string' || r.previousCaseId === '') problems.push('repeat.previousCaseId is required');
  if (typeof r.previousOpenedAt !== 'string' || Number.isNaN(Date.parse(r.previousOpenedAt))) problems.push('repeat.previousOpenedAt must be an ISO-8601 time');
  if (r.previousClosedAt !== null && (typeof r.previousClosedAt !== 'string' || Number.isNaN(Date.parse(r.previousClosedAt)))) problems.push('repeat.previousClosedAt must be an ISO-8601 time or null');
  return problems;
}

/**
 * Applies a repeat notice under the pinned protocol's repeat rules: a ledger entry (`repeatNoticed`,
 * which the region's supervisors hear of, or `repeatRecorded` when the protocol notifies no one), the
 * assessment rule, and for a child a notice task for the child-protection agency. Nothing without a
 * repeat section, on a closed case, outside the window, or when already marked. True when it changed the state.
 */
export function applyRepeat(state: CaseState, request: RepeatRequest, now: string): boolean {
  const rules = state.protocolDoc?.repeat;
  if (rules === undefined || state.stage === 'CLOSED' || state.repeat !== undefined) return false;
  const { count, previousCaseId, previousOpenedAt, previousClosedAt } = request.repeat;
  if (!withinMonths(previousClosedAt ?? previousOpenedAt, state.openedAt, rules.withinMonths)) return false;
  const child = state.person.approximateAge < rules.childUnder;
  state.repeat = { previousCaseId, child };
  record(state, now, {
    action: rules.notifySupervisor ? 'repeatNoticed' : 'repeatRecorded',
    actor: ledgerActor(request.actor),
    summary: `repeat count=${count} child=${String(child)} within=${rules.withinMonths}m`,
    payload: { count, previousCaseId, previousOpenedAt, previousClosedAt, child, rules: { ...rules } },
  });
  if (rules.assessmentRefersToEarlierPlan) state.facts = { ...state.facts, earlierPlanRequired: true };
  if (child) orderTask(state, now, 'REPEAT_CHILD_NOTICE', rules.childAgency, state.regionCode);
  state.processedRequests = [...state.processedRequests, request.requestId].slice(-MAX_REMEMBERED_REQUESTS);
  state.version += 1;
  state.updatedAt = now;
  return true;
}
