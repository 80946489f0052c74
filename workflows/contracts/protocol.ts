/**
 * A regional protocol: who does each step and how long each may take, for one kab/kota (or the
 * national default). Versioned; a case pins the whole document when it opens, so editing a protocol
 * (a new version) affects new cases only. Durations are ISO-8601 (`P7D`, `PT4H`).
 */
export const PROTOCOL_STEPS = [
  'INTAKE_RAZIA',
  'INTAKE_COMPLAINT',
  'HEALTH_CHECK',
  'MEDICAL_TREATMENT',
  'ASSESSMENT',
  'SHELTER',
  'CHILD_PROTECTION',
  'REHABILITATION',
  'VOCATIONAL_TRAINING',
  'REINTEGRATION',
  'REINTEGRATION_SUPPORT',
  'MONITORING',
] as const;
export type ProtocolStep = (typeof PROTOCOL_STEPS)[number];

/**
 * Steps a protocol may name (from a later version on): `COMPLAINT_REFERRAL` is the regency's unit a
 * village Puskesos refers a complaint to (Bantaeng: UPT SPMKS "Sipakatau", pmks-domain §5.2). A protocol
 * without it has no referral step.
 */
export const OPTIONAL_PROTOCOL_STEPS = ['COMPLAINT_REFERRAL'] as const;
export type OptionalProtocolStep = (typeof OPTIONAL_PROTOCOL_STEPS)[number];

export const ESCALATION_TARGETS = ['ASSIGNEE', 'AGENCY_SUPERVISOR', 'REGIONAL_COORDINATOR'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export interface ProtocolDeadlines {
  /** Complaints: first field response (Banyuwangi UGD Kemiskinan: 4 hours). Null: none. */
  firstResponse: string | null;
  /** Razia intake to health-check start. */
  intake: string;
  healthCheck: string;
  assessment: string;
  /** Maximum shelter stay before a supervisor's extension (SPM meals ≤ 7 days). */
  shelterStay: string;
  reintegration: string;
}

export interface Protocol {
  /** `default` or the kab/kota code. */
  id: string;
  version: number;
  name: string;
  /** Null for the national default. */
  regionCode: string | null;
  deadlines: ProtocolDeadlines;
  /** Follow-up visits, counted from the start of monitoring (1, 3 and 6 months by default). */
  monitoringVisits: string[];
  /** Which agency (code) carries out each step. */
  agencies: Record<ProtocolStep, string> & Partial<Record<OptionalProtocolStep, string>>;
  /** After a deadline passes: whom to alert, and when (counted from the deadline). */
  escalation: { after: string; notify: EscalationTarget }[];
  /** Who decides what happens to a task an agency rejects (absent in older documents: the agency's supervisor). */
  onTaskRejected?: EscalationTarget;
  /** Time an agency has to claim a new task before the ladder starts (absent in older documents: none). */
  taskAcceptance?: string;
  /** Region-specific steps, e.g. BIOMETRIC_IDENTIFICATION (Pasuruan: Dispendukcapil biometrics). */
  regionalSteps: string[];
  /** What a repeat case (a person seen again) changes; absent: nothing (older versions, other regions). */
  repeat?: ProtocolRepeatRules;
  /**
   * How long the personal data of a case closed under this protocol is kept before Sinergi erases it
   * (UU 27/2022 Pasal 42), counted from the closure: an ISO-8601 duration, years allowed (`P5Y`). Absent:
   * `DEFAULT_PERSONAL_DATA_RETENTION` (five years, an assumption; workflows/domain/retention.ts).
   */
  personalDataRetention?: string;
  /** Where the figures come from, with the domain reference's labels ([SEED], [LOCAL], [ASSUMP]…). */
  sources: string[];
}

/**
 * A repeat: the case's person had a case opened or closed within `withinMonths` before this one opened.
 * The supervisors of the region are notified (when `notifySupervisor`); the assessment must name the
 * earlier plan (when `assessmentRefersToEarlierPlan`); for a person younger than `childUnder` the
 * `childAgency` gets a notice task.
 */
export interface ProtocolRepeatRules {
  withinMonths: number;
  notifySupervisor: boolean;
  assessmentRefersToEarlierPlan: boolean;
  childUnder: number;
  childAgency: string;
}

/** What a case pins: enough to find the document again, plus the document itself. */
export interface ProtocolRef {
  id: string;
  version: number;
}
