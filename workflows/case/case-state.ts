import type { CaseSnapshot, CommandRequest, OpenCaseInput } from '../contracts/case';
import type { Stage } from '../contracts/lifecycle';
import type { Protocol, ProtocolStep } from '../contracts/protocol';
import type { AgencyTaskOrder, TaskState, TaskType } from '../contracts/task';
import { parseDuration } from '../domain/duration';
import { ppksWarnings } from '../domain/ppks';
import type { Journal } from './journal';
import { commandReason, commandSummary, ledgerActor, record, recordRung } from './journal';
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
}

const MAX_REMEMBERED_REQUESTS = 1000;
const MAX_ESCALATIONS_KEPT = 50;
export const CHILD_AGE_LIMIT = 18;

const plus = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
const ms = (duration: string): number => parseDuration(duration) ?? 0;

function stepOf(state: CaseState, stage: Stage): ProtocolStep | undefined {
  const child = state.facts.isChild;
  const steps: Partial<Record<Stage, ProtocolStep>> = {
    INTAKE: state.channel === 'RAZIA' ? 'INTAKE_RAZIA' : 'INTAKE_COMPLAINT',
    HEALTH_CHECK: 'HEALTH_CHECK',
    MEDICAL_TREATMENT: 'MEDICAL_TREATMENT',
    // Child track: DP3AP2KB leads assessment and shelter for children.
    ASSESSMENT: child ? 'CHILD_PROTECTION' : 'ASSESSMENT',
    SHELTER: child ? 'CHILD_PROTECTION' : 'SHELTER',
    REHABILITATION: 'REHABILITATION',
    REINTEGRATION: 'REINTEGRATION',
    MONITORING: 'MONITORING',
  };
  return steps[stage];
}

/** The current stage's deadline from the pinned protocol, or null when the stage has none. */
export function deadlineOf(state: CaseState): string | null {
  const p = state.protocolDoc;
  if (p === null) return null;
  const from = state.stageEnteredAt;
  switch (state.stage) {
    case 'INTAKE':
      return state.channel === 'COMPLAINT' && p.deadlines.firstResponse !== null
        ? plus(state.openedAt, ms(p.deadlines.firstResponse))
        : plus(from, ms(p.deadlines.intake));
    case 'HEALTH_CHECK':
      return plus(from, ms(p.deadlines.healthCheck));
    case 'ASSESSMENT':
      return plus(from, ms(p.deadlines.assessment));
    case 'SHELTER':
      return plus(from, ms(p.deadlines.shelterStay) + state.shelterExtensionDays * 86_400_000);
    case 'REINTEGRATION':
      return plus(from, ms(p.deadlines.reintegration));
    case 'MONITORING': {
      const visit = p.monitoringVisits[state.monitoringVisitsDone];
      return visit === undefined ? null : plus(from, ms(visit));
    }
    default:
      return null;
  }
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
  const step = stepOf(state, state.stage);
  return step === undefined || state.protocolDoc === null ? null : state.protocolDoc.agencies[step];
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

/** When the workflow must next wake up for the ladder (epoch ms), or undefined for "no timer". */
export function nextWakeAt(state: CaseState): number | undefined {
  const rung = (state.protocolDoc?.escalation ?? [])[state.ladderLevel];
  if (state.deadlineAt === null || rung === undefined) return undefined;
  return Date.parse(state.deadlineAt) + ms(rung.after);
}

/** Fires every rung that is due at `nowMs`; true when the state changed (the caller projects it). */
export function applyDueEscalations(state: CaseState, nowMs: number): boolean {
  const ladder = state.protocolDoc?.escalation ?? [];
  let changed = false;
  for (let wake = nextWakeAt(state); wake !== undefined && wake <= nowMs; wake = nextWakeAt(state)) {
    const rung = ladder[state.ladderLevel] as (typeof ladder)[number];
    const at = new Date(wake).toISOString();
    if (state.ladderLevel === 0) record(state, at, { action: 'deadlineMissed', summary: `${state.stage} deadline ${state.deadlineAt ?? ''}`, payload: { stage: state.stage, deadlineAt: state.deadlineAt } });
    state.ladderLevel += 1;
    state.overdue = true;
    state.escalations = [...state.escalations, { stage: state.stage, level: state.ladderLevel, notify: rung.notify, at }].slice(-MAX_ESCALATIONS_KEPT);
    recordRung(state, at, { stage: state.stage, level: state.ladderLevel, notify: rung.notify }, null);
    changed = true;
  }
  if (changed) {
    state.version += 1;
    state.updatedAt = new Date(nowMs).toISOString();
  }
  return changed;
}

/** The read-model view (internal bookkeeping stripped). */
export function snapshotOf(state: CaseState): CaseSnapshot {
  const { facts: _f, protocolDoc: _p, processedRequests: _r, shelterExtensionDays: _s, monitoringVisitsDone: _m, ladderLevel: _l, maxHistoryEvents: _h, dispatchTasks: _d, notifyWebhooks: _w, taskDeadlines: _k, tasks: _t, journal: _j, journalSeq: _js, journalVersion: _jv, ...snapshot } = state;
  return snapshot;
}

/** Which agency task each stage gives rise to, and the protocol step that names the agency. */
function tasksFor(state: CaseState): { type: TaskType; step: ProtocolStep; regionCode: string }[] {
  const child = state.facts.isChild;
  const here = state.regionCode;
  switch (state.stage) {
    case 'HEALTH_CHECK':
      return [{ type: 'HEALTH_CHECK', step: 'HEALTH_CHECK', regionCode: here }];
    case 'MEDICAL_TREATMENT':
      return [{ type: 'MEDICAL_TREATMENT', step: 'MEDICAL_TREATMENT', regionCode: here }];
    case 'ASSESSMENT':
      return [child ? { type: 'CHILD_PROTECTION', step: 'CHILD_PROTECTION', regionCode: here } : { type: 'ASSESSMENT', step: 'ASSESSMENT', regionCode: here }];
    case 'SHELTER':
      return [{ type: 'SHELTER_PLACEMENT', step: child ? 'CHILD_PROTECTION' : 'SHELTER', regionCode: here }];
    case 'REHABILITATION':
      // Adults also get vocational training (Disnaker in the Pasuruan interest group).
      return [
        { type: 'REHABILITATION', step: 'REHABILITATION', regionCode: here },
        ...(child ? [] : [{ type: 'VOCATIONAL_TRAINING' as const, step: 'VOCATIONAL_TRAINING' as const, regionCode: here }]),
      ];
    case 'REINTEGRATION':
      return [
        { type: 'REINTEGRATION_SUPPORT', step: 'REINTEGRATION_SUPPORT', regionCode: here },
        // The home region's Dinsos receives the person: its acknowledgement is its task.
        ...(state.facts.reintegrationType === 'REPATRIATION' && state.originRegionCode !== null
          ? [{ type: 'REPATRIATION_ACKNOWLEDGEMENT' as const, step: 'REINTEGRATION' as const, regionCode: state.originRegionCode }]
          : []),
      ];
    case 'MONITORING':
      return state.deadlineAt === null ? [] : [{ type: 'FOLLOW_UP_VISIT', step: 'MONITORING', regionCode: here }];
    default:
      return [];
  }
}

/** Orders the current stage's agency tasks (keys are unique per case: type and state version). */
function orderTasks(state: CaseState, now: string): void {
  const protocol = state.protocolDoc;
  if (!state.dispatchTasks || protocol === null) return;
  for (const { type, step, regionCode } of tasksFor(state)) {
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
