import type { CommandBody } from './api';

/** Every value of a body's enum, checked complete by the compiler against the API's types. */
const valuesOf = <T extends string>(all: Record<T, true>): T[] => Object.keys(all) as T[];

type Assessment = CommandBody<'recordAssessment'>;
type Reintegration = NonNullable<CommandBody<'leaveShelter'>['reintegrationType']>;

export const HEALTH_RESULTS = valuesOf<CommandBody<'recordHealthCheck'>['result']>({ FIT: true, NEEDS_TREATMENT: true, REFERRED_TO_HOSPITAL: true });
export const REINTEGRATION_TYPES = valuesOf<Reintegration>({ FAMILY_REUNIFICATION: true, REPATRIATION: true, INSTITUTIONAL_PLACEMENT: true, INDEPENDENT_LIVING: true });
export const SHELTER_EXITS = valuesOf<CommandBody<'leaveShelter'>['next']>({ REHABILITATION: true, REINTEGRATION: true });
export const MONITORING_OUTCOMES = valuesOf<CommandBody<'recordMonitoringVisit'>['outcome']>({ STABLE: true, CONCERN: true, RETURNED_TO_STREET: true });
export const CLOSURE_REASONS = valuesOf<CommandBody<'closeCase'>['reason']>({ COMPLETED: true, TRANSFERRED_OUT: true, REFERRED_TO_PROGRAM: true, ABSCONDED: true, DECEASED: true, UNFOUNDED_REPORT: true });
export const DECISIONS = valuesOf<Assessment['decision']>({ SHELTER: true, REHABILITATION: true, REINTEGRATION: true });
export const SHELTER_TYPES = valuesOf<NonNullable<Assessment['shelterType']>>({ ADULT: true, CHILD: true });
export const RELATIONSHIPS = valuesOf<NonNullable<Assessment['guardianConsent']>['relationship']>({ PARENT: true, GUARDIAN: true, INSTITUTION: true });
/** PPKS-01 … PPKS-26 (Permensos 8/2012); their names are in the catalogue (common:ppks.*). */
export const PPKS_CODES = Array.from({ length: 26 }, (_, i) => `PPKS-${String(i + 1).padStart(2, '0')}`);
