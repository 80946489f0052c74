import type { Actor } from './actor';
import type { Stage } from './lifecycle';

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
}

export interface OpenCaseInput {
  caseId: string;
  channel: IntakeChannel;
  /** Kemendagri kab/kota code, plain 4 digits (e.g. "3514"). */
  regionCode: string;
  person: PersonInput;
  /** Who opened the case, from the verified token. Absent only in histories from before authentication. */
  openedBy?: Actor;
}

/** The case as the workflow holds it and as it is projected into PostgreSQL. */
export interface CaseSnapshot {
  caseId: string;
  stage: Stage;
  channel: IntakeChannel;
  regionCode: string;
  person: PersonInput;
  openedBy: Actor | null;
  /** ISO-8601 workflow time. */
  openedAt: string;
  updatedAt: string;
  /** Increases with every change; the projection never goes backwards. */
  version: number;
}

export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}
