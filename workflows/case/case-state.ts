import type { CaseSnapshot, CommandRequest, OpenCaseInput } from '../contracts/case';
import type { Protocol } from '../contracts/protocol';
import type { AgencyTaskOrder, TaskState } from '../contracts/task';
import { parseDuration } from '../domain/duration';
import { ppksWarnings } from '../domain/ppks';
import type { LadderClock } from './escalation-ladder';
import { fireDueRungs, nextRungAt } from './escalation-ladder';
import type { Journal } from './journal';
import { commandReason, commandSummary, ledgerActor, record } from './journal';
import type { StageFacts } from './stage-table';
import { STAGE_TABLE } from './stage-table';
import { cancelSupersededTasks } from './task-deadlines';
import type { Acceptance, LifecycleFacts } from './stage-machine';

/**
 * Case state as the workflow holds it, and the pure rules that change it: applying a decided command,
 * deadlines from the pinned protocol, and the escalation ladder. Times are ISO strings / epoch ms of
 * workflow time, passed in, so everything here is deterministic and testable without Temporal.
 */
export interface CaseState extends CaseSnapshot, Journal {
  facts: LifecycleFacts;
  /** The pinned protocol document (null for cases opened before protocols existed). */
  protocolDoc: Protocol | null;
  /** Request ids already applied; carried across continue-as-new (bounded). */
  processedRequests: string[];
  shelterExtensionDays: number;
  monitoringVisitsDone: number;
  /** Rungs of the escalation ladder already fired for the current deadline. */
  ladderLevel: number;
  maxHistoryEvents: number | null;
  /** Whether this case dispatches agency tasks (false for cases opened before tasks existed). */
  dispatchTasks: boolean;
  /** Whether delivered tasks are announced on the agencies' webhooks (false before webhooks existed). */
  notifyWebhooks?: boolean;
  /** Whether tasks have their own clocks and superseded tasks are cancelled (false before task deadlines). */
  taskDeadlines?: boolean;
  /** Tasks ordered from agencies; a null receipt is still to be delivered (re-sent after continue-as-new). */
  tasks: TaskState[];
  /** Set while the read model cannot take the case's data (a projection failed on data, not on availability). */
  attention?: CaseAttention | null;
  /** Ledger entries PostgreSQL refused, set aside (they remain in Temporal's history). */
  quarantinedEntries?: number;
}

/** Why a case needs a person to look at it: what could not be written, and since when. */
export interface CaseAttention {
  operation: string;
  sqlstate: string | null;
  since: string;
}

const MAX_REMEMBERED_REQUESTS = 1000;
export const CHILD_AGE_LIMIT = 18;

const plus = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

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
function restartClock(state: CaseState): void {
  state.deadlineAt = deadlineOf(state);
  state.overdue = false;
  state.ladderLevel = 0;
}

export function initialState(input: OpenCaseInput, now: string): CaseState {
  const { caseId, channel, regionCode, person } = input;
  const origin = input.originRegionCode ?? null;
  const protocolDoc = input.protocol ?? null;
  const state: CaseState = {
    caseId,
    channel,
    regionCode,
    person,
    openedBy: input.openedBy ?? null,
    originRegionCode: origin,
    protocol: protocolDoc === null ? null : { id: protocolDoc.id, version: protocolDoc.version },
    protocolDoc,
    ppksCategories: [],
    warnings: input.warnings ?? [],
    closure: null,
    responsibleAgency: null,
    deadlineAt: null,
    overdue: false,
    escalations: [],
    lastAction: input.openedBy ? { action: 'openCase', actorId: input.openedBy.id, actorName: input.openedBy.name, role: input.openedBy.role, at: now } : null,
    stage: 'INTAKE',
    stageEnteredAt: now,
    openedAt: now,
    updatedAt: now,
    version: 1,
    facts: {
      stage: 'INTAKE',
      isChild: person.approximateAge < CHILD_AGE_LIMIT,
      fromOtherRegion: origin !== null && origin !== regionCode,
      originRegionCode: origin,
      reintegrationType: null,
      repatriationAcknowledged: false,
      guardianConsentRecorded: false,
      referralRefused: false,
    },
    processedRequests: [],
    shelterExtensionDays: 0,
    monitoringVisitsDone: 0,
    ladderLevel: 0,
    maxHistoryEvents: input.maxHistoryEvents ?? null,
    dispatchTasks: false,
    tasks: [],
  };
  state.responsibleAgency = responsibleAgency(state);
  restartClock(state);
  record(state, now, {
    action: 'openCase',
    outcome: 'ACCEPTED',
    actor: ledgerActor(input.openedBy),
    summary: `openCase channel=${channel} region=${regionCode}${origin === null ? '' : ` origin=${origin}`}`,
    payload: { channel, regionCode, originRegionCode: origin, person, warnings: state.warnings },
  });
  return state;
}

function responsibleAgency(state: CaseState): string | null {
  const step = STAGE_TABLE[state.stage].step;
  return step === undefined || state.protocolDoc === null ? null : state.protocolDoc.agencies[step(stageFacts(state))];
}

/** Applies a command the stage machine accepted. Mutates the state; the caller projects it. */
export function applyCommand(state: CaseState, request: CommandRequest, decision: Acceptance, now: string): void {
  const { command, actor } = request;
  const stageChanged = decision.next !== state.stage;
  const who = ledgerActor(actor);
  record(state, now, { action: command.action, outcome: 'ACCEPTED', actor: who, reason: commandReason(command), summary: commandSummary(command), payload: { ...command } });
  if (stageChanged) record(state, now, { action: 'stageChanged', actor: who, summary: `${state.stage} → ${decision.next}`, payload: { from: state.stage, to: decision.next } });
  state.facts = decision.facts;
  state.stage = decision.next;
  if (command.action === 'recordAssessment') {
    state.ppksCategories = [...command.ppksCategories];
    const kept = state.warnings.filter((w) => w.field !== 'ppksCategories');
    state.warnings = [...kept, ...ppksWarnings(command.ppksCategories, state.person)];
  }
  if (command.action === 'closeCase') state.closure = { reason: command.reason, note: command.note };
  if (command.action === 'extendShelterStay') state.shelterExtensionDays += command.days;
  if (command.action === 'recordMonitoringVisit') state.monitoringVisitsDone += 1;
  if (stageChanged) {
    state.stageEnteredAt = now;
    state.shelterExtensionDays = 0;
  }
  if (stageChanged || command.action === 'extendShelterStay' || command.action === 'recordMonitoringVisit') restartClock(state);
  if (state.stage === 'CLOSED') Object.assign(state, { deadlineAt: null, overdue: false });
  state.responsibleAgency = responsibleAgency(state);
  state.lastAction = { action: command.action, actorId: actor.id, actorName: actor.name, role: actor.role, at: now };
  if (stageChanged || command.action === 'recordMonitoringVisit') {
    if (state.taskDeadlines === true) cancelSupersededTasks(state, [], now);
    orderTasks(state, now);
  }
  state.processedRequests = [...state.processedRequests, request.requestId].slice(-MAX_REMEMBERED_REQUESTS);
  state.version += 1;
  state.updatedAt = now;
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

/** Fields of the read-model view, named one by one: internal bookkeeping never leaks into it. */
const SNAPSHOT_FIELDS = [
  'caseId', 'stage', 'channel', 'regionCode', 'person', 'openedBy', 'originRegionCode', 'protocol', 'ppksCategories', 'warnings', 'closure',
  'responsibleAgency', 'deadlineAt', 'overdue', 'escalations', 'lastAction', 'stageEnteredAt', 'openedAt', 'updatedAt', 'version',
] as const satisfies readonly (keyof CaseSnapshot)[];
// Fails to compile when CaseSnapshot gains a field this list lacks.
const _allListed: Exclude<keyof CaseSnapshot, (typeof SNAPSHOT_FIELDS)[number]> extends never ? true : never = true;

/** The read-model view of the case. */
export function snapshotOf(state: CaseState): CaseSnapshot {
  return Object.fromEntries(SNAPSHOT_FIELDS.map((field) => [field, state[field]])) as unknown as CaseSnapshot;
}

/** Orders the current stage's agency tasks (keys are unique per case: type and state version). */
function orderTasks(state: CaseState, now: string): void {
  const protocol = state.protocolDoc;
  if (!state.dispatchTasks || protocol === null) return;
  for (const { type, step, regionCode } of STAGE_TABLE[state.stage].tasks?.(stageFacts(state)) ?? []) {
    const order: AgencyTaskOrder = {
      taskKey: `${type}@v${state.version}`,
      caseId: state.caseId,
      type,
      agencyCode: protocol.agencies[step],
      regionCode,
      dispatchedAt: now,
      dueAt: state.deadlineAt,
    };
    const accept = state.taskDeadlines === true && protocol.taskAcceptance !== undefined ? parseDuration(protocol.taskAcceptance) : undefined;
    const clock = state.taskDeadlines === true ? { acceptBy: accept === undefined ? null : plus(now, accept), ladderLevel: 0, overdue: false } : {};
    state.tasks = [...state.tasks, { order, receipt: null, status: 'OPEN', assignee: null, outcome: null, reason: null, closedAt: null, ...clock }];
    record(state, now, { action: 'taskOrdered', summary: `${order.taskKey} → ${order.agencyCode} (${regionCode})`, payload: { ...order }, agencyCode: order.agencyCode, taskKey: order.taskKey });
  }
}
