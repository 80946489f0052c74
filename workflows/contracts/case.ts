import type { Actor } from './actor';
import type { DataWarning } from '../domain/nik';
import type { CaseAction, CaseCommand } from './commands';
import type { ClosureReason, GuardianRelationship, Stage } from './lifecycle';
import type { EscalationTarget, Protocol, ProtocolRef } from './protocol';
import type { Personal, Sealed } from './sealed';

/**
 * Case contracts shared by the API, the worker and the workflow sandbox. Plain JSON only: no Date,
 * Map, Set or class instances (they do not survive Temporal's payload conversion).
 */

/** Temporal workflow type of a case; the API starts workflows by this name, never by importing them. */
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

export const INTAKE_CHANNELS = ['RAZIA', 'COMPLAINT'] as const;
/** How the case reached Sinergi: a Satpol PP sweep (razia) or a complaint (pengaduan). */
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const SEXES = ['L', 'P'] as const;
/** Dukcapil convention: L = laki-laki (male), P = perempuan (female). */
export type Sex = (typeof SEXES)[number];

/** Lifecycle stages (see contracts/lifecycle.ts and docs/case-lifecycle.md). */
export { STAGES as CASE_STAGES } from './lifecycle';
export type { Stage as CaseStage } from './lifecycle';

export interface PersonInput {
  /** Name as given; may be an alias. Personal data: never logged, never a search attribute. */
  name: string;
  sex: Sex;
  approximateAge: number;
  /** 16-digit NIK when known (many people on the street have none). */
  nik?: string;
  /** YYYY-MM-DD when known. */
  birthDate?: string;
  /**
   * For a child: who is responsible for them, when known at intake. Absent otherwise and in histories
   * from before it (the workflow only carries it: the registry copies it when the person is registered).
   */
  guardian?: GuardianInput;
}

/**
 * The person as a workflow and the ledger hold them since issue 13: sex and approximate age in clear
 * (the rules need them, statistics keep them), the rest sealed under the person's data key (name, NIK,
 * birth date, guardian). Histories from before hold a PersonInput in clear.
 */
export interface SealedPerson {
  sex: Sex;
  approximateAge: number;
  sealed: Sealed;
}

export type CasePerson = PersonInput | SealedPerson;

/** A child's guardian as given at intake or on the person's record. Personal data: never logged. */
export interface GuardianInput {
  name: string;
  relationship: GuardianRelationship;
  /** A telephone number to reach them, when known. */
  phone?: string;
}

/**
 * Where a complaint was taken in: a village Puskesos (pmks-domain §5.2), by its desa/kelurahan code
 * (10 digits, Kemendagri) and name. Staff data, not the person's.
 */
export interface IntakePoint {
  villageCode: string;
  name: string;
  /** The agency that took the complaint (`PUSKESOS`). */
  agencyCode: string;
}

export interface OpenCaseInput {
  caseId: string;
  channel: IntakeChannel;
  /** Kemendagri kab/kota code, plain 4 digits (e.g. "3514"). */
  regionCode: string;
  person: CasePerson;
  /** Who opened the case, from the verified token. Absent only in histories from before authentication. */
  openedBy?: Actor;
  /** Kab/kota the person comes from, when known and different: the repatriation path applies. */
  originRegionCode?: string;
  /** The regional protocol pinned at opening. Absent only in histories from before protocols. */
  protocol?: Protocol;
  /** Soft findings about the entered data (NIK, age and sex rules), stored and shown. */
  warnings?: DataWarning[];
  /** A complaint a village Puskesos took in. Absent for every other case (and in older histories). */
  intakePoint?: IntakePoint;
  /**
   * Continue-as-new once a run's history holds this many events, besides the server's own suggestion.
   * Bounds replay cost for cases that live for months; unset: only the server's suggestion.
   */
  maxHistoryEvents?: number;
}

/** One rung of the escalation ladder that fired. */
export interface Escalation {
  stage: Stage;
  /** Set when the escalation is about an agency task rather than the stage itself. */
  taskKey?: string;
  level: number;
  notify: EscalationTarget;
  /** ISO-8601 workflow time. */
  at: string;
}

/** The last command applied, for the read model (the full ledger arrives with the audit issue). */
export interface LastAction {
  action: CaseAction | 'openCase' | 'claimTask' | 'completeTask' | 'rejectTask' | 'reassignTask';
  actorId: string;
  actorName: string;
  role: string;
  at: string;
}

/** The case as the workflow holds it and as it is projected into PostgreSQL. */
export interface CaseSnapshot {
  caseId: string;
  stage: Stage;
  channel: IntakeChannel;
  regionCode: string;
  person: CasePerson;
  openedBy: Actor | null;
  originRegionCode: string | null;
  /** The village Puskesos that took the complaint in (absent for other cases and in older snapshots). */
  intakePoint?: IntakePoint | null;
  protocol: ProtocolRef | null;
  ppksCategories: string[];
  warnings: DataWarning[];
  closure: { reason: ClosureReason; note: Personal<string> } | null;
  /** Agency responsible for the current stage, from the pinned protocol. */
  responsibleAgency: string | null;
  /** When the current stage's deadline passes (ISO-8601), if it has one. */
  deadlineAt: string | null;
  overdue: boolean;
  escalations: Escalation[];
  lastAction: LastAction | null;
  stageEnteredAt: string;
  /** ISO-8601 workflow time. */
  openedAt: string;
  updatedAt: string;
  /** Increases with every change; the projection never goes backwards. */
  version: number;
}

export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

/** A command as it reaches the workflow: the API's request id (idempotency) and the verified actor. */
export interface CommandRequest {
  requestId: string;
  actor: Actor;
  command: CaseCommand;
}
