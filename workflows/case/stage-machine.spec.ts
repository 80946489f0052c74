import type { Stage } from '../contracts/lifecycle';
import type { CaseCommand } from '../contracts/commands';
import { STAGES } from '../contracts/lifecycle';
import type { LifecycleFacts } from './stage-machine';
import { allowedActions, decide, TRANSITIONS } from './stage-machine';

const facts = (stage: Stage, overrides: Partial<LifecycleFacts> = {}): LifecycleFacts => ({
  stage,
  isChild: false,
  fromOtherRegion: false,
  originRegionCode: null,
  reintegrationType: null,
  repatriationAcknowledged: false,
  guardianConsentRecorded: false,
  referralRefused: false,
  ...overrides,
});

/** One valid example of every command, for walking the whole table. */
const EXAMPLES: Record<CaseCommand['action'], CaseCommand> = {
  startHealthCheck: { action: 'startHealthCheck' },
  recordHealthCheck: { action: 'recordHealthCheck', result: 'FIT' },
  recordRecovery: { action: 'recordRecovery' },
  recordAssessment: { action: 'recordAssessment', ppksCategories: ['PPKS-11'], decision: 'SHELTER', shelterType: 'ADULT' },
  recordReferralRefusal: { action: 'recordReferralRefusal', note: 'declines panti' },
  extendShelterStay: { action: 'extendShelterStay', days: 3, reason: 'awaiting transport' },
  leaveShelter: { action: 'leaveShelter', next: 'REHABILITATION' },
  completeRehabilitation: { action: 'completeRehabilitation', reintegrationType: 'FAMILY_REUNIFICATION' },
  acknowledgeRepatriation: { action: 'acknowledgeRepatriation', receivingOfficer: 'Officer', receivingRegionCode: '3272' },
  completeReintegration: { action: 'completeReintegration' },
  recordMonitoringVisit: { action: 'recordMonitoringVisit', outcome: 'STABLE' },
  closeCase: { action: 'closeCase', reason: 'ABSCONDED', note: 'left the shelter' },
  referToRegency: { action: 'referToRegency', reason: 'needs a programme the village cannot give' },
};

describe('stage machine: accepted transitions', () => {
  it.each<[string, LifecycleFacts, CaseCommand, Stage]>([
    ['intake → health check', facts('INTAKE'), EXAMPLES.startHealthCheck, 'HEALTH_CHECK'],
    ['fit → assessment', facts('HEALTH_CHECK'), { action: 'recordHealthCheck', result: 'FIT' }, 'ASSESSMENT'],
    ['sick → treatment first', facts('HEALTH_CHECK'), { action: 'recordHealthCheck', result: 'NEEDS_TREATMENT' }, 'MEDICAL_TREATMENT'],
    ['hospital → treatment first', facts('HEALTH_CHECK'), { action: 'recordHealthCheck', result: 'REFERRED_TO_HOSPITAL' }, 'MEDICAL_TREATMENT'],
    ['recovered → assessment', facts('MEDICAL_TREATMENT'), EXAMPLES.recordRecovery, 'ASSESSMENT'],
    ['assessment → shelter', facts('ASSESSMENT'), EXAMPLES.recordAssessment, 'SHELTER'],
    ['assessment → straight home', facts('ASSESSMENT'), { action: 'recordAssessment', ppksCategories: ['PPKS-25'], decision: 'REINTEGRATION', reintegrationType: 'FAMILY_REUNIFICATION' }, 'REINTEGRATION'],
    ['household complaint skips shelter', facts('ASSESSMENT'), { action: 'recordAssessment', ppksCategories: ['PPKS-24'], decision: 'REHABILITATION' }, 'REHABILITATION'],
    ['child → child shelter with consent', facts('ASSESSMENT', { isChild: true }), { action: 'recordAssessment', ppksCategories: ['PPKS-04'], decision: 'SHELTER', shelterType: 'CHILD', guardianConsent: { name: 'Ibu', relationship: 'PARENT' } }, 'SHELTER'],
    ['shelter extended (stays)', facts('SHELTER'), EXAMPLES.extendShelterStay, 'SHELTER'],
    ['shelter → rehabilitation', facts('SHELTER'), EXAMPLES.leaveShelter, 'REHABILITATION'],
    ['shelter → repatriation', facts('SHELTER', { fromOtherRegion: true }), { action: 'leaveShelter', next: 'REINTEGRATION', reintegrationType: 'REPATRIATION' }, 'REINTEGRATION'],
    ['rehabilitation → reintegration', facts('REHABILITATION'), EXAMPLES.completeRehabilitation, 'REINTEGRATION'],
    ['repatriation acknowledged (stays)', facts('REINTEGRATION', { reintegrationType: 'REPATRIATION', originRegionCode: '3272' }), EXAMPLES.acknowledgeRepatriation, 'REINTEGRATION'],
    ['acknowledged repatriation → monitoring', facts('REINTEGRATION', { reintegrationType: 'REPATRIATION', repatriationAcknowledged: true }), EXAMPLES.completeReintegration, 'MONITORING'],
    ['family reunification → monitoring', facts('REINTEGRATION', { reintegrationType: 'FAMILY_REUNIFICATION' }), EXAMPLES.completeReintegration, 'MONITORING'],
    ['monitoring visit (stays)', facts('MONITORING'), EXAMPLES.recordMonitoringVisit, 'MONITORING'],
    ['monitoring → closed, completed', facts('MONITORING'), { action: 'closeCase', reason: 'COMPLETED', note: 'stable 6 months' }, 'CLOSED'],
    ['unfounded report closes intake', facts('INTAKE'), { action: 'closeCase', reason: 'UNFOUNDED_REPORT', note: 'nobody there' }, 'CLOSED'],
    ['death closes treatment', facts('MEDICAL_TREATMENT'), { action: 'closeCase', reason: 'DECEASED', note: 'RSUD report' }, 'CLOSED'],
    ['transfer out of shelter', facts('SHELTER'), { action: 'closeCase', reason: 'TRANSFERRED_OUT', note: 'provincial panti' }, 'CLOSED'],
  ])('%s', (_name, f, command, next) => {
    const role = command.action === 'closeCase' || command.action === 'extendShelterStay' ? 'SUPERVISOR' : 'CASE_WORKER';
    const decision = decide(f, command, role);
    expect(decision).toMatchObject({ ok: true, next });
  });

  it('lets a refused referral go ahead only with a stated override, and records the refusal', () => {
    const refused = decide(facts('SHELTER'), { action: 'recordReferralRefusal', note: 'wants to go home' }, 'CASE_WORKER');
    expect(refused.ok && refused.facts.referralRefused).toBe(true);
    expect(decide(facts('SHELTER', { referralRefused: true }), { action: 'leaveShelter', next: 'REHABILITATION', refusalOverride: 'court order' }, 'CASE_WORKER')).toMatchObject({ ok: true, next: 'REHABILITATION' });
    expect(decide(facts('SHELTER', { referralRefused: true }), { action: 'leaveShelter', next: 'REINTEGRATION', reintegrationType: 'FAMILY_REUNIFICATION' }, 'CASE_WORKER')).toMatchObject({ ok: true });
  });

  it('remembers what later guards need', () => {
    const home = decide(facts('SHELTER', { fromOtherRegion: true }), { action: 'leaveShelter', next: 'REINTEGRATION', reintegrationType: 'REPATRIATION' }, 'CASE_WORKER');
    expect(home.ok && home.facts.reintegrationType).toBe('REPATRIATION');
    const acked = decide(facts('REINTEGRATION', { reintegrationType: 'REPATRIATION', originRegionCode: '3272' }), EXAMPLES.acknowledgeRepatriation, 'CASE_WORKER');
    expect(acked.ok && acked.facts.repatriationAcknowledged).toBe(true);
  });
});

describe('stage machine: refusals', () => {
  const everyIllegalPair = STAGES.flatMap((stage) =>
    TRANSITIONS.filter((t) => !t.from.includes(stage)).map((t) => [stage, t.action] as const),
  );

  it.each(everyIllegalPair)('in %s, %s is an illegal transition listing the allowed actions', (stage, action) => {
    // A role the action allows (a supervisor, or an agency for the agencies' own steps), so the stage is what refuses.
    const role = TRANSITIONS.find((t) => t.action === action)?.roles.includes('SUPERVISOR') === false ? 'AGENCY_OFFICER' : 'SUPERVISOR';
    const decision = decide(facts(stage), EXAMPLES[action], role);
    expect(decision).toEqual({ ok: false, code: 'ILLEGAL_TRANSITION', reason: `${action} is not possible in stage ${stage}`, allowedActions: allowedActions(facts(stage), role) });
  });

  it('closed cases allow nothing', () => {
    expect(allowedActions(facts('CLOSED'))).toEqual([]);
  });

  it.each<[string, LifecycleFacts, CaseCommand, RegExp]>([
    ['child in an adult shelter', facts('ASSESSMENT', { isChild: true, guardianConsentRecorded: true }), EXAMPLES.recordAssessment, /never sheltered with adults/],
    ['adult in a child shelter', facts('ASSESSMENT'), { ...EXAMPLES.recordAssessment, shelterType: 'CHILD' } as CaseCommand, /adult cannot/],
    ['child plan without consent', facts('ASSESSMENT', { isChild: true }), { action: 'recordAssessment', ppksCategories: ['PPKS-04'], decision: 'SHELTER', shelterType: 'CHILD' }, /consent/],
    ['going home without a type', facts('ASSESSMENT'), { action: 'recordAssessment', ppksCategories: ['PPKS-12'], decision: 'REINTEGRATION' }, /reintegration type is required/],
    ['outsider reunited locally', facts('SHELTER', { fromOtherRegion: true }), { action: 'leaveShelter', next: 'REINTEGRATION', reintegrationType: 'FAMILY_REUNIFICATION' }, /repatriation path/],
    ['outsider after rehabilitation', facts('REHABILITATION', { fromOtherRegion: true }), EXAMPLES.completeRehabilitation, /repatriation path/],
    ['repatriation not acknowledged', facts('REINTEGRATION', { reintegrationType: 'REPATRIATION' }), EXAMPLES.completeReintegration, /acknowledges the handover/],
    ['acknowledging a non-repatriation', facts('REINTEGRATION', { reintegrationType: 'FAMILY_REUNIFICATION' }), EXAMPLES.acknowledgeRepatriation, /only a repatriation/],
    ['acknowledging for another region', facts('REINTEGRATION', { reintegrationType: 'REPATRIATION', originRegionCode: '1371' }), EXAMPLES.acknowledgeRepatriation, /region of origin/],
    ['acknowledging twice', facts('REINTEGRATION', { reintegrationType: 'REPATRIATION', originRegionCode: '3272', repatriationAcknowledged: true }), EXAMPLES.acknowledgeRepatriation, /already acknowledged/],
    ['referral after a refusal, without override', facts('SHELTER', { referralRefused: true }), { action: 'leaveShelter', next: 'REHABILITATION' }, /refused referral/],
    ['assessment referral after a refusal', facts('ASSESSMENT', { referralRefused: true }), { action: 'recordAssessment', ppksCategories: ['PPKS-11'], decision: 'REHABILITATION' }, /refusalOverride/],
    ['completing before monitoring', facts('SHELTER'), { action: 'closeCase', reason: 'COMPLETED', note: 'x' }, /only from monitoring/],
  ])('%s', (_name, f, command, reason) => {
    const decision = decide(f, command, 'SUPERVISOR');
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.reason).toMatch(reason);
    expect(!decision.ok && decision.code).toBe('ILLEGAL_TRANSITION');
  });

  it.each([
    ['case worker extends a shelter stay', 'SHELTER', 'extendShelterStay', 'CASE_WORKER'],
    ['case worker closes a case', 'SHELTER', 'closeCase', 'CASE_WORKER'],
    ['auditor records a health check', 'HEALTH_CHECK', 'recordHealthCheck', 'AUDITOR'],
    ['admin starts a health check', 'INTAKE', 'startHealthCheck', 'ADMIN'],
  ] as const)('%s: ROLE_NOT_ALLOWED', (_name, stage, action, role) => {
    expect(decide(facts(stage), EXAMPLES[action], role)).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
  });
});
