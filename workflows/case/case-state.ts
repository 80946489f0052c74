import type { CaseSnapshot, CommandRequest, OpenCaseInput } from '../contracts/case';
import type { Protocol } from '../contracts/protocol';
import type { TaskState } from '../contracts/task';
import { ppksWarnings } from '../domain/ppks';
import { orderTasks, responsibleAgency, restartClock } from './case-stage';
import type { Journal } from './journal';
import { commandReason, commandSummary, ledgerActor, record } from './journal';
import { cancelSupersededTasks } from './task-deadlines';
import { orderReferralTask, referralAtOpening, referralUnit } from './regency-referral';
import type { Acceptance, LifecycleFacts } from './stage-machine';
import type { RepeatMark } from './case-repeat';

/**
 * Case state as the workflow holds it, and the pure rules that change it: opening, applying a decided
 * command (what the stage means is case-stage.ts), and its read-model view. Times are ISO strings of
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
  /** Set once a repeat notice changed the case (under its protocol's repeat rules). */
  repeat?: RepeatMark;
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

/** The lifecycle facts of a case just opened. */
function openingFacts(input: OpenCaseInput): LifecycleFacts {
  const origin = input.originRegionCode ?? null;
  return {
    stage: 'INTAKE',
    isChild: input.person.approximateAge < CHILD_AGE_LIMIT,
    fromOtherRegion: origin !== null && origin !== input.regionCode,
    originRegionCode: origin,
    reintegrationType: null,
    repatriationAcknowledged: false,
    guardianConsentRecorded: false,
    referralRefused: false,
    ...(referralAtOpening(input) !== undefined ? { regencyReferral: referralAtOpening(input) } : {}),
  };
}

export function initialState(input: OpenCaseInput, now: string): CaseState {
  const { caseId, channel, regionCode, person, openedBy } = input;
  const origin = input.originRegionCode ?? null;
  const protocolDoc = input.protocol ?? null;
  // Several fields a line, but no spreads: the literal keeps TypeScript's check against misspelt fields.
  const state: CaseState = {
    caseId, channel, regionCode, person, openedBy: openedBy ?? null, originRegionCode: origin, protocolDoc, warnings: input.warnings ?? [],
    protocol: protocolDoc === null ? null : { id: protocolDoc.id, version: protocolDoc.version },
    // Only a Puskesos complaint has an intake point: other states keep their exact shape.
    ...(input.intakePoint !== undefined ? { intakePoint: input.intakePoint } : {}),
    ppksCategories: [], closure: null, responsibleAgency: null, deadlineAt: null, overdue: false, escalations: [],
    lastAction: openedBy ? { action: 'openCase', actorId: openedBy.id, actorName: openedBy.name, role: openedBy.role, at: now } : null,
    stage: 'INTAKE', stageEnteredAt: now, openedAt: now, updatedAt: now, version: 1, facts: openingFacts(input),
    processedRequests: [], shelterExtensionDays: 0, monitoringVisitsDone: 0, ladderLevel: 0, maxHistoryEvents: input.maxHistoryEvents ?? null, dispatchTasks: false, tasks: [],
  };
  state.responsibleAgency = responsibleAgency(state);
  restartClock(state);
  const intake = input.intakePoint;
  const summary = `openCase channel=${channel} region=${regionCode}${origin === null ? '' : ` origin=${origin}`}${intake === undefined ? '' : ` intake=${intake.agencyCode}@${intake.villageCode}`}`;
  const payload = { channel, regionCode, originRegionCode: origin, person, warnings: state.warnings, ...(intake !== undefined ? { intakePoint: intake } : {}) };
  record(state, now, { action: 'openCase', outcome: 'ACCEPTED', actor: ledgerActor(openedBy), summary, payload });
  return state;
}

/** Applies a command the stage machine accepted. Mutates the state; the caller projects it. */
export function applyCommand(state: CaseState, request: CommandRequest, decision: Acceptance, now: string): void {
  const { command, actor } = request;
  const stageChanged = decision.next !== state.stage;
  const who = ledgerActor(actor);
  // A referral names where it went: the regency's unit of the pinned protocol.
  const referredTo = command.action === 'referToRegency' ? referralUnit(state) : null;
  const summary = referredTo === null ? commandSummary(command) : `${commandSummary(command)} → ${referredTo}`;
  record(state, now, { action: command.action, outcome: 'ACCEPTED', actor: who, reason: commandReason(command), summary, payload: { ...command, ...(referredTo === null ? {} : { referredTo }) } });
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
  if (command.action === 'referToRegency') orderReferralTask(state, now);
  state.processedRequests = [...state.processedRequests, request.requestId].slice(-MAX_REMEMBERED_REQUESTS);
  state.version += 1;
  state.updatedAt = now;
}

/** Fields of the read-model view, named one by one: internal bookkeeping never leaks into it. */
const SNAPSHOT_FIELDS = [
  'caseId', 'stage', 'channel', 'regionCode', 'person', 'openedBy', 'originRegionCode', 'intakePoint', 'protocol', 'ppksCategories', 'warnings', 'closure',
  'responsibleAgency', 'deadlineAt', 'overdue', 'escalations', 'lastAction', 'stageEnteredAt', 'openedAt', 'updatedAt', 'version',
] as const satisfies readonly (keyof CaseSnapshot)[];
// Fails to compile when CaseSnapshot gains a field this list lacks.
const _allListed: Exclude<keyof CaseSnapshot, (typeof SNAPSHOT_FIELDS)[number]> extends never ? true : never = true;

/** The read-model view of the case. */
export function snapshotOf(state: CaseState): CaseSnapshot {
  // A field an older state lacks stays absent (not `undefined`): its snapshots keep their exact shape.
  return Object.fromEntries(SNAPSHOT_FIELDS.filter((field) => state[field] !== undefined).map((field) => [field, state[field]])) as unknown as CaseSnapshot;
}

