/**
 * Lifecycle vocabulary shared by the stage machine, the workflow, the API and the docs. Plain JSON.
 * Domain: pmks-domain §4 (stages S0–S11 folded into these stages) and §4.1 (branching rules).
 */
export const STAGES = [
  'INTAKE',
  'HEALTH_CHECK',
  'MEDICAL_TREATMENT',
  'ASSESSMENT',
  'SHELTER',
  'REHABILITATION',
  'REINTEGRATION',
  'MONITORING',
  'CLOSED',
] as const;
export type Stage = (typeof STAGES)[number];

/** Ways a case leaves the lifecycle early, from any open stage. */
export const EXIT_REASONS = ['TRANSFERRED_OUT', 'REFERRED_TO_PROGRAM', 'ABSCONDED', 'DECEASED', 'UNFOUNDED_REPORT'] as const;
export const CLOSURE_REASONS = ['COMPLETED', ...EXIT_REASONS] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const HEALTH_RESULTS = ['FIT', 'NEEDS_TREATMENT', 'REFERRED_TO_HOSPITAL'] as const;
export type HealthResult = (typeof HEALTH_RESULTS)[number];

/** Where an assessment sends the person; REINTEGRATION is "straight home". */
export const ASSESSMENT_DECISIONS = ['SHELTER', 'REHABILITATION', 'REINTEGRATION'] as const;
export type AssessmentDecision = (typeof ASSESSMENT_DECISIONS)[number];

export const REINTEGRATION_TYPES = ['FAMILY_REUNIFICATION', 'REPATRIATION', 'INSTITUTIONAL_PLACEMENT', 'INDEPENDENT_LIVING'] as const;
export type ReintegrationType = (typeof REINTEGRATION_TYPES)[number];

/** Children are never sheltered with adults (UU 35/2014 Pasal 64). */
export const SHELTER_TYPES = ['ADULT', 'CHILD'] as const;
export type ShelterType = (typeof SHELTER_TYPES)[number];

export const MONITORING_OUTCOMES = ['STABLE', 'CONCERN', 'RETURNED_TO_STREET'] as const;
export type MonitoringOutcome = (typeof MONITORING_OUTCOMES)[number];

/**
 * Who is responsible for a child, in what capacity: a parent, another guardian (wali: a relative or one
 * appointed), or an institution (panti, LKSA) for a child without either (pmks-domain §8).
 */
export const GUARDIAN_RELATIONSHIPS = ['PARENT', 'GUARDIAN', 'INSTITUTION'] as const;
export type GuardianRelationship = (typeof GUARDIAN_RELATIONSHIPS)[number];

/** Who consented for a child (UU 27/2022 Pasal 25) and in what capacity. */
export interface GuardianConsent {
  name: string;
  relationship: GuardianRelationship;
}
