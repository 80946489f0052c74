import type { Personal } from '../contracts/sealed';
import { isSealed } from '../contracts/sealed';
import type { Role } from '../contracts/actor';
import type { ReintegrationType, Stage } from '../contracts/lifecycle';
import type { CaseAction, CaseCommand } from '../contracts/commands';

/**
 * The case stage machine: pure, deterministic, shared by the workflow (update validators and
 * handlers), the API and the generated docs/case-lifecycle.md. No Temporal, no I/O.
 */

/** What the machine needs to know about a case beyond its stage. */
export interface LifecycleFacts {
  stage: Stage;
  /** Under 18: child track (DP3AP2KB involved, child shelter only, guardian consent). */
  isChild: boolean;
  /** Origin region known and not the handling region: the repatriation path is mandatory. */
  fromOtherRegion: boolean;
  /** The kab/kota the person comes from, when known (the only region that can acknowledge a repatriation). */
  originRegionCode: string | null;
  reintegrationType: ReintegrationType | null;
  repatriationAcknowledged: boolean;
  guardianConsentRecorded: boolean;
  /** The person refused referral; a later referral to rehabilitation needs an explicit override. */
  referralRefused: boolean;
  /**
   * A complaint a village Puskesos took in under a protocol with a referral step: AWAITING until the
   * Puskesos refers it to the regency's unit, then REFERRED. Absent for every other case (and in states
   * from before the referral step).
   */
  regencyReferral?: 'AWAITING' | 'REFERRED';
  /** A repeat under a protocol whose repeat rules say so: the assessment must name the earlier plan. Absent otherwise. */
  earlierPlanRequired?: true;
}

const OPEN: Stage[] = ['INTAKE', 'HEALTH_CHECK', 'MEDICAL_TREATMENT', 'ASSESSMENT', 'SHELTER', 'REHABILITATION', 'REINTEGRATION', 'MONITORING'];
const STAFF: Role[] = ['CASE_WORKER', 'SUPERVISOR'];
const AGENCY: Role[] = ['AGENCY_OFFICER', 'AGENCY_SYSTEM'];
/** Staff, or the agency doing the step — agencies reach these only by completing their task. */
const STAFF_OR_AGENCY: Role[] = [...STAFF, ...AGENCY];

export interface TransitionRule {
  action: CaseAction;
  from: Stage[];
  /** Possible next stages (the payload picks one); `from` itself when the stage does not change. */
  to: Stage[];
  roles: Role[];
  /** What the command must carry, for people reading the table. */
  carries: string;
}

/** The transition table. docs/case-lifecycle.md is generated from it (`npm run docs:lifecycle`). */
export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'startHealthCheck', from: ['INTAKE'], to: ['HEALTH_CHECK'], roles: STAFF, carries: '—' },
  { action: 'recordHealthCheck', from: ['HEALTH_CHECK'], to: ['ASSESSMENT', 'MEDICAL_TREATMENT'], roles: STAFF_OR_AGENCY, carries: 'result FIT → assessment; NEEDS_TREATMENT / REFERRED_TO_HOSPITAL → treatment; findings' },
  { action: 'recordRecovery', from: ['MEDICAL_TREATMENT'], to: ['ASSESSMENT'], roles: STAFF_OR_AGENCY, carries: 'note' },
  { action: 'recordAssessment', from: ['ASSESSMENT'], to: ['SHELTER', 'REHABILITATION', 'REINTEGRATION'], roles: STAFF, carries: "PPKS categories (≥ 1), decision; shelter type; reintegration type when going home; guardian consent for a child; earlierPlanReference for a repeat under its protocol's repeat rules" },
  { action: 'recordReferralRefusal', from: ['ASSESSMENT', 'SHELTER'], to: [], roles: STAFF, carries: 'note; a later referral to rehabilitation then needs refusalOverride with the reason' },
  { action: 'extendShelterStay', from: ['SHELTER'], to: [], roles: ['SUPERVISOR'], carries: 'days (1–30), reason' },
  { action: 'leaveShelter', from: ['SHELTER'], to: ['REHABILITATION', 'REINTEGRATION'], roles: STAFF, carries: 'next stage; reintegration type when going home; refusalOverride after a refusal' },
  { action: 'completeRehabilitation', from: ['REHABILITATION'], to: ['REINTEGRATION'], roles: STAFF, carries: 'reintegration type' },
  { action: 'acknowledgeRepatriation', from: ['REINTEGRATION'], to: [], roles: STAFF_OR_AGENCY, carries: "receiving officer and region (the home region's Dinsos)" },
  { action: 'completeReintegration', from: ['REINTEGRATION'], to: ['MONITORING'], roles: STAFF, carries: '— (a repatriation needs the acknowledgement first)' },
  { action: 'recordMonitoringVisit', from: ['MONITORING'], to: [], roles: STAFF_OR_AGENCY, carries: 'outcome STABLE / CONCERN / RETURNED_TO_STREET, note' },
  { action: 'referToRegency', from: ['INTAKE'], to: [], roles: AGENCY, carries: "reason; only the village Puskesos that took the complaint in, through its intake task, once (the regency's unit gets a task)" },
  { action: 'closeCase', from: OPEN, to: ['CLOSED'], roles: ['SUPERVISOR'], carries: 'reason (COMPLETED from monitoring only; TRANSFERRED_OUT, REFERRED_TO_PROGRAM, ABSCONDED, DECEASED, UNFOUNDED_REPORT from any open stage), note' },
];

export type Rejection = { ok: false; code: 'ILLEGAL_TRANSITION' | 'ROLE_NOT_ALLOWED'; reason: string; allowedActions: CaseAction[] };
export type Acceptance = { ok: true; next: Stage; facts: LifecycleFacts };
export type Decision = Acceptance | Rejection;

const ruleOf = (action: CaseAction): TransitionRule | undefined => TRANSITIONS.find((t) => t.action === action);

/**
 * The actions a role may take now (what a 409 lists as "allowed next actions", and what the API offers
 * a case's reader). They depend on the stage and the role only: the other facts decide whether a given
 * command's payload passes the guards, so the read model's stage is all a reader needs.
 */
export function allowedActions(facts: Pick<LifecycleFacts, 'stage'>, role?: Role): CaseAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(facts.stage) && (role === undefined || t.roles.includes(role))).map((t) => t.action);
}

/**
 * Why the machine refuses a command, beyond "which stage, which role": one sentence each (the 409's
 * title), named by a code the API adds to the answer (`reasonCode`) so a client can say it in its
 * reader's language. The sentences are part of recorded histories: change a code's name freely, never its text.
 */
export const REFUSAL = {
  REINTEGRATION_TYPE_REQUIRED: 'a reintegration type is required to go to reintegration',
  OTHER_REGION_REPATRIATES: 'a person from another region takes the repatriation path',
  REFUSAL_NEEDS_OVERRIDE: 'the person refused referral: going ahead needs refusalOverride with the reason',
  CHILD_NEEDS_CHILD_SHELTER: 'children are never sheltered with adults: shelterType must be CHILD',
  ADULT_NOT_IN_CHILD_SHELTER: 'an adult cannot be placed in a child shelter',
  CHILD_NEEDS_CONSENT: "a child's plan needs the consent of a parent, guardian or institution",
  ONLY_REPATRIATION_ACKNOWLEDGED: 'only a repatriation is acknowledged by a receiving region',
  ALREADY_ACKNOWLEDGED: 'the repatriation is already acknowledged',
  RECEIVING_REGION_IS_ORIGIN: "the receiving region must be the person's region of origin",
  REPATRIATION_NEEDS_ACKNOWLEDGEMENT: "a repatriation ends only when the receiving region's Dinsos acknowledges the handover",
  COMPLETED_ONLY_FROM_MONITORING: 'a case completes only from monitoring; use an exit reason to close it earlier',
  NO_REGENCY_REFERRAL: "only a complaint a village Puskesos took in under a protocol with a referral step is referred to the regency's unit",
  ALREADY_REFERRED: "the complaint is already referred to the regency's unit",
  EARLIER_PLAN_REFERENCE_REQUIRED: "a repeat case's assessment must refer to the earlier plan: earlierPlanReference is required",
} as const;
export type RefusalCode = keyof typeof REFUSAL | 'NOT_IN_STAGE' | 'ROLE_REQUIRED';

/** The code and parameters of a refusal's reason (the 409's title), for the API's answer; undefined for other texts. */
export function refusalReasonOf(message: string): { code: RefusalCode; params: Record<string, string> } | undefined {
  const stage = /^(\w+) is not possible in stage (\w+)$/.exec(message);
  if (stage !== null) return { code: 'NOT_IN_STAGE', params: { action: stage[1] as string, stage: stage[2] as string } };
  const role = /^(\w+) needs one of the roles ([\w, ]+)$/.exec(message);
  if (role !== null) return { code: 'ROLE_REQUIRED', params: { action: role[1] as string, roles: role[2] as string } };
  const code = (Object.keys(REFUSAL) as (keyof typeof REFUSAL)[]).find((key) => REFUSAL[key] === message);
  return code === undefined ? undefined : { code, params: {} };
}

/** A reintegration type fitting the person: someone from another region goes home by repatriation. */
function reintegrationProblem(facts: LifecycleFacts, type: ReintegrationType | undefined): string | undefined {
  if (type === undefined) return REFUSAL.REINTEGRATION_TYPE_REQUIRED;
  if (facts.fromOtherRegion && type !== 'REPATRIATION') return REFUSAL.OTHER_REGION_REPATRIATES;
  return undefined;
}

/** PP 39/2012 allows coercive rehabilitation, but never silently: after a refusal it needs a stated reason. */
/** Whether personal text was given: sealed text was checked as given by the API before it was sealed. */
const given = (text: Personal<string> | undefined): boolean => text !== undefined && (isSealed(text) || text.trim() !== '');

function refusalProblem(facts: LifecycleFacts, next: string, override: Personal<string> | undefined): string | undefined {
  return facts.referralRefused && next === 'REHABILITATION' && !given(override)
    ? REFUSAL.REFUSAL_NEEDS_OVERRIDE
    : undefined;
}

/** Domain guards beyond "which stage, which role"; a string is the reason for refusing. */
function guard(facts: LifecycleFacts, c: CaseCommand): string | undefined {
  switch (c.action) {
    case 'recordAssessment':
      if (facts.isChild && c.decision === 'SHELTER' && c.shelterType !== 'CHILD') return REFUSAL.CHILD_NEEDS_CHILD_SHELTER;
      if (!facts.isChild && c.shelterType === 'CHILD') return REFUSAL.ADULT_NOT_IN_CHILD_SHELTER;
      if (facts.isChild && c.guardianConsent === undefined && !facts.guardianConsentRecorded) return REFUSAL.CHILD_NEEDS_CONSENT;
      if (facts.earlierPlanRequired === true && !given(c.earlierPlanReference)) return REFUSAL.EARLIER_PLAN_REFERENCE_REQUIRED;
      return c.decision === 'REINTEGRATION' ? reintegrationProblem(facts, c.reintegrationType) : refusalProblem(facts, c.decision, c.refusalOverride);
    case 'leaveShelter':
      return c.next === 'REINTEGRATION' ? reintegrationProblem(facts, c.reintegrationType) : refusalProblem(facts, c.next, c.refusalOverride);
    case 'completeRehabilitation':
      return reintegrationProblem(facts, c.reintegrationType);
    case 'acknowledgeRepatriation':
      if (facts.reintegrationType !== 'REPATRIATION') return REFUSAL.ONLY_REPATRIATION_ACKNOWLEDGED;
      if (facts.repatriationAcknowledged) return REFUSAL.ALREADY_ACKNOWLEDGED;
      return c.receivingRegionCode !== facts.originRegionCode ? REFUSAL.RECEIVING_REGION_IS_ORIGIN : undefined;
    case 'completeReintegration':
      return facts.reintegrationType === 'REPATRIATION' && !facts.repatriationAcknowledged
        ? REFUSAL.REPATRIATION_NEEDS_ACKNOWLEDGEMENT
        : undefined;
    case 'closeCase':
      return c.reason === 'COMPLETED' && facts.stage !== 'MONITORING' ? REFUSAL.COMPLETED_ONLY_FROM_MONITORING : undefined;
    case 'referToRegency':
      if (facts.regencyReferral === undefined) return REFUSAL.NO_REGENCY_REFERRAL;
      return facts.regencyReferral === 'REFERRED' ? REFUSAL.ALREADY_REFERRED : undefined;
    default:
      return undefined;
  }
}

function nextStage(facts: LifecycleFacts, c: CaseCommand): Stage {
  switch (c.action) {
    case 'startHealthCheck':
      return 'HEALTH_CHECK';
    case 'recordHealthCheck':
      return c.result === 'FIT' ? 'ASSESSMENT' : 'MEDICAL_TREATMENT';
    case 'recordRecovery':
      return 'ASSESSMENT';
    case 'recordAssessment':
      return c.decision;
    case 'leaveShelter':
      return c.next;
    case 'completeRehabilitation':
      return 'REINTEGRATION';
    case 'completeReintegration':
      return 'MONITORING';
    case 'closeCase':
      return 'CLOSED';
    default:
      return facts.stage;
  }
}

function nextFacts(facts: LifecycleFacts, c: CaseCommand, next: Stage): LifecycleFacts {
  const reintegrationType =
    'reintegrationType' in c && c.reintegrationType !== undefined && next === 'REINTEGRATION' ? c.reintegrationType : facts.reintegrationType;
  return {
    ...facts,
    stage: next,
    reintegrationType,
    repatriationAcknowledged: facts.repatriationAcknowledged || c.action === 'acknowledgeRepatriation',
    guardianConsentRecorded: facts.guardianConsentRecorded || (c.action === 'recordAssessment' && c.guardianConsent !== undefined),
    referralRefused: facts.referralRefused || c.action === 'recordReferralRefusal',
    // Written only when it changes: states from before the referral step keep their exact shape.
    ...(c.action === 'referToRegency' ? { regencyReferral: 'REFERRED' as const } : {}),
  };
}

/** Decides a command: the next stage and facts, or why not and what is allowed instead. Never throws. */
export function decide(facts: LifecycleFacts, command: CaseCommand, role: Role): Decision {
  const rule = ruleOf(command.action);
  const reject = (code: Rejection['code'], reason: string): Rejection => ({ ok: false, code, reason, allowedActions: allowedActions(facts, role) });
  // The role first: "not yours to do" holds whatever stage the case is in.
  if (rule !== undefined && !rule.roles.includes(role)) return reject('ROLE_NOT_ALLOWED', `${command.action} needs one of the roles ${rule.roles.join(', ')}`);
  if (rule === undefined || !rule.from.includes(facts.stage)) return reject('ILLEGAL_TRANSITION', `${command.action} is not possible in stage ${facts.stage}`);
  const problem = guard(facts, command);
  if (problem !== undefined) return reject('ILLEGAL_TRANSITION', problem);
  const next = nextStage(facts, command);
  return { ok: true, next, facts: nextFacts(facts, command, next) };
}
