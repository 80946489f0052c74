import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../contracts/actor';
import type { CommandRequest, OpenCaseInput } from '../contracts/case';
import type { CaseCommand } from '../contracts/commands';
import type { Protocol } from '../contracts/protocol';
import type { CaseState } from './case-state';
import { applyCommand, applyDueEscalations, initialState, nextWakeAt, snapshotOf } from './case-state';
import { decide } from './stage-machine';

const protocol = (id: string): Protocol => JSON.parse(readFileSync(join(__dirname, '..', '..', 'protocols', `${id}.v1.json`), 'utf8')) as Protocol;
const T0 = '2026-03-02T01:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3600_000).toISOString();
const worker: Actor = { id: 'u1', kind: 'user', name: 'caseworker', role: 'CASE_WORKER', regionCode: '3514', agencyId: null, agencyCode: null };
const supervisor: Actor = { ...worker, id: 'u2', name: 'supervisor', role: 'SUPERVISOR' };

const open = (overrides: Partial<OpenCaseInput> = {}, protocolId = '3514') =>
  initialState({ caseId: 'c1', channel: 'RAZIA', regionCode: '3514', person: { name: 'X', sex: 'L', approximateAge: 34 }, protocol: protocol(protocolId), openedBy: worker, ...overrides }, T0);

let n = 0;
function run(state: CaseState, command: CaseCommand, now: string, actor: Actor = worker): void {
  const decision = decide(state.facts, command, actor.role);
  if (!decision.ok) throw new Error(decision.reason);
  const request: CommandRequest = { requestId: `r${++n}`, actor, command };
  applyCommand(state, request, decision, now);
}

describe('case state', () => {
  it('opens a razia case in INTAKE with the protocol pinned, Satpol PP responsible and a one-day clock', () => {
    const s = open();
    expect(s).toMatchObject({ stage: 'INTAKE', protocol: { id: '3514', version: 1 }, responsibleAgency: 'SATPOL_PP', deadlineAt: at(24), overdue: false, version: 1 });
    expect(s.facts).toMatchObject({ isChild: false, fromOtherRegion: false });
    expect(open({ originRegionCode: '3272', person: { name: 'A', sex: 'P', approximateAge: 12 } }).facts).toMatchObject({ isChild: true, fromOtherRegion: true });
  });

  it('walks the Banyuwangi 4-hour complaint ladder: assignee at 4 h, supervisor at 6 h, coordinator at 8 h', () => {
    const s = open({ channel: 'COMPLAINT', regionCode: '3510' }, '3510');
    expect([s.deadlineAt, s.responsibleAgency]).toEqual([at(4), 'DINSOS']);
    expect(nextWakeAt(s)).toBe(Date.parse(at(4)));
    expect(applyDueEscalations(s, Date.parse(at(3.9)))).toBe(false);
    expect(applyDueEscalations(s, Date.parse(at(4)))).toBe(true);
    expect([s.overdue, s.escalations.map((e) => e.notify), nextWakeAt(s)]).toEqual([true, ['ASSIGNEE'], Date.parse(at(6))]);
    expect(applyDueEscalations(s, Date.parse(at(9)))).toBe(true); // a late wake-up fires every due rung, in order
    expect(s.escalations.map((e) => [e.level, e.notify, e.at])).toEqual([
      [1, 'ASSIGNEE', at(4)],
      [2, 'AGENCY_SUPERVISOR', at(6)],
      [3, 'REGIONAL_COORDINATOR', at(8)],
    ]);
    expect(nextWakeAt(s)).toBeUndefined();
    run(s, { action: 'startHealthCheck' }, at(10));
    expect([s.stage, s.overdue, s.deadlineAt, s.responsibleAgency]).toEqual(['HEALTH_CHECK', false, at(34), 'DINKES']);
  });

  it('gives a shelter stay its protocol limit, extended by a supervisor, escalating past it', () => {
    const s = open();
    run(s, { action: 'startHealthCheck' }, at(1));
    run(s, { action: 'recordHealthCheck', result: 'FIT' }, at(2));
    run(s, { action: 'recordAssessment', ppksCategories: ['PPKS-11'], decision: 'SHELTER', shelterType: 'ADULT' }, at(3));
    expect([s.stage, s.deadlineAt, s.responsibleAgency]).toEqual(['SHELTER', at(3 + 7 * 24), 'DINSOS']);
    applyDueEscalations(s, Date.parse(at(3 + 7 * 24)));
    expect([s.overdue, s.escalations.at(-1)?.notify]).toEqual([true, 'ASSIGNEE']);
    run(s, { action: 'extendShelterStay', days: 3, reason: 'awaiting transport' }, at(4 + 7 * 24), supervisor);
    expect([s.overdue, s.deadlineAt, nextWakeAt(s)]).toEqual([false, at(3 + 10 * 24), Date.parse(at(3 + 10 * 24))]);
  });

  it('puts a child on the child track: DP3AP2KB responsible for assessment and shelter', () => {
    const s = open({ person: { name: 'A', sex: 'L', approximateAge: 11 } });
    run(s, { action: 'startHealthCheck' }, at(1));
    run(s, { action: 'recordHealthCheck', result: 'FIT' }, at(2));
    expect(s.responsibleAgency).toBe('DP3AP2KB');
  });

  it('schedules monitoring visits at 1, 3 and 6 months, then no deadline', () => {
    const s = open();
    run(s, { action: 'startHealthCheck' }, at(0));
    run(s, { action: 'recordHealthCheck', result: 'FIT' }, at(0));
    run(s, { action: 'recordAssessment', ppksCategories: ['PPKS-12'], decision: 'REINTEGRATION', reintegrationType: 'FAMILY_REUNIFICATION' }, at(0));
    run(s, { action: 'completeReintegration' }, at(1));
    expect([s.stage, s.deadlineAt]).toEqual(['MONITORING', at(1 + 30 * 24)]);
    run(s, { action: 'recordMonitoringVisit', outcome: 'STABLE' }, at(2));
    expect(s.deadlineAt).toBe(at(1 + 90 * 24));
    run(s, { action: 'recordMonitoringVisit', outcome: 'STABLE' }, at(3));
    run(s, { action: 'recordMonitoringVisit', outcome: 'STABLE' }, at(4));
    expect([s.deadlineAt, nextWakeAt(s)]).toEqual([null, undefined]);
    run(s, { action: 'closeCase', reason: 'COMPLETED', note: 'stable' }, at(5), supervisor);
    expect(s).toMatchObject({ stage: 'CLOSED', closure: { reason: 'COMPLETED' }, deadlineAt: null, responsibleAgency: null });
  });

  it('records who acted, remembers request ids, warns on unusual PPKS categories and strips internals from the view', () => {
    const s = open();
    run(s, { action: 'startHealthCheck' }, at(1));
    run(s, { action: 'recordHealthCheck', result: 'FIT' }, at(2));
    run(s, { action: 'recordAssessment', ppksCategories: ['PPKS-04', 'PPKS-11'], decision: 'REHABILITATION' }, at(3));
    expect(s.lastAction).toEqual({ action: 'recordAssessment', actorId: 'u1', actorName: 'caseworker', role: 'CASE_WORKER', at: at(3) });
    expect(s.processedRequests).toHaveLength(3);
    expect(s.version).toBe(4);
    expect(s.warnings.map((w) => w.code)).toEqual(['PPKS_AGE_UNUSUAL']);
    expect(Object.keys(snapshotOf(s))).not.toEqual(expect.arrayContaining(['facts', 'protocolDoc', 'processedRequests', 'ladderLevel']));
  });

  it('has no deadlines for a case opened before protocols existed', () => {
    const s = initialState({ caseId: 'c0', channel: 'RAZIA', regionCode: '3514', person: { name: 'X', sex: 'L', approximateAge: 30 } }, T0);
    expect([s.deadlineAt, nextWakeAt(s), s.protocol, s.responsibleAgency]).toEqual([null, undefined, null, null]);
  });
});
