import { commandFor, outcomeProblems } from './task-outcomes';

describe('task outcomes', () => {
  it.each([
    ['HEALTH_CHECK', { result: 'FIT' }, []],
    ['HEALTH_CHECK', { result: 'HEALTHY' }, ['outcome.result must be one of FIT, NEEDS_TREATMENT, REFERRED_TO_HOSPITAL']],
    ['HEALTH_CHECK', { result: 'REFERRED_TO_HOSPITAL', findings: 'fracture' }, []],
    ['SHELTER_PLACEMENT', { facility: 'Rumah Singgah Pasuruan' }, []],
    ['VOCATIONAL_TRAINING', { status: 'ENROLLED' }, []],
    ['VOCATIONAL_TRAINING', { status: 'DROPPED' }, ['outcome.status must be one of ENROLLED, COMPLETED']],
    ['SHELTER_PLACEMENT', {}, ['outcome.facility is required']],
    ['REINTEGRATION_SUPPORT', { kind: 'CASH', amount: 500000 }, []],
    ['REINTEGRATION_SUPPORT', { kind: 'CASH', amount: -1 }, ['outcome.amount must be a whole number of rupiah']],
    ['REPATRIATION_ACKNOWLEDGEMENT', { receivingOfficer: 'Bu Rina' }, []],
    ['FOLLOW_UP_VISIT', { outcome: 'GONE' }, ['outcome.outcome must be one of STABLE, CONCERN, RETURNED_TO_STREET']],
    ['MEDICAL_TREATMENT', 'yes', ['outcome must be an object']],
    ['HEALTH_CHECK', { result: 'FIT', findings: 'a\u0000b' }, ['outcome.findings must not contain control (other than newline and tab), bidirectional or invisible characters']],
    ['SHELTER_PLACEMENT', { facility: 'Rumah \u202Egnigni' }, ['outcome.facility must not contain control, bidirectional or invisible characters']],
    ['HEALTH_CHECK', { result: 'FIT', diagnosis: 'x' }, ['outcome has unknown fields: diagnosis']],
  ] as const)('%s %j → %j', (type, outcome, problems) => {
    expect(outcomeProblems(type, outcome)).toEqual(problems);
  });

  it('moves the case on for outcomes that decide a step, and only those', () => {
    expect(commandFor('HEALTH_CHECK', { result: 'NEEDS_TREATMENT' }, '3514')).toEqual({ action: 'recordHealthCheck', result: 'NEEDS_TREATMENT' });
    expect(commandFor('REPATRIATION_ACKNOWLEDGEMENT', { receivingOfficer: 'Bu Rina' }, '3272')).toEqual({ action: 'acknowledgeRepatriation', receivingOfficer: 'Bu Rina', receivingRegionCode: '3272' });
    expect(commandFor('FOLLOW_UP_VISIT', { outcome: 'STABLE' }, '3514')).toEqual({ action: 'recordMonitoringVisit', outcome: 'STABLE' });
    expect(commandFor('SHELTER_PLACEMENT', { facility: 'x' }, '3514')).toBeUndefined();
  });
});
