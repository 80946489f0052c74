import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../contracts/actor';
import type { OpenCaseInput } from '../contracts/case';
import type { Protocol } from '../contracts/protocol';
import type { TaskStatus } from '../contracts/task';
import { initialState } from './case-state';
import { orderIntakeTask } from './regency-referral';
import { decide } from './stage-machine';
import { applyTaskRequest, checkTaskRequest, taskActionsFor, taskRequestProblems } from './task-rules';

const protocol = (version: number) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'protocols', `7303.v${version}.json`), 'utf8')) as Protocol;
const puskesos: Actor = { id: 'p1', kind: 'user', name: 'puskesos_bantaeng', role: 'AGENCY_OFFICER', regionCode: '7303', agencyId: 'a1', agencyCode: 'PUSKESOS' };
const upt: Actor = { ...puskesos, id: 'u1', name: 'upt_bantaeng', agencyId: 'a2', agencyCode: 'UPT_SPMKS' };
const intakePoint = { villageCode: '7303022005', name: 'Puskesos Desa Demo', agencyCode: 'PUSKESOS' };
const AT = '2026-03-02T01:00:00.000Z';

function opened(version: number, extra: Partial<OpenCaseInput> = { intakePoint }) {
  const state = initialState({ caseId: 'c1', channel: 'COMPLAINT', regionCode: '7303', person: { name: 'X', sex: 'P', approximateAge: 40 }, protocol: protocol(version), openedBy: puskesos, ...extra }, AT);
  Object.assign(state, { dispatchTasks: true, taskDeadlines: true });
  orderIntakeTask(state, AT);
  return state;
}

const refer = (state: ReturnType<typeof opened>, actor: Actor, outcome: Record<string, unknown> = { reason: 'butuh program kabupaten' }) => {
  const request = { requestId: `r-${actor.id}-${state.version}`, actor, taskKey: 'COMPLAINT_INTAKE@v1', outcome };
  const check = checkTaskRequest(state, 'completeTask', request);
  if (check.ok) applyTaskRequest(state, 'completeTask', request, check, AT);
  return check;
};

describe('a complaint a village Puskesos took in (Bantaeng v2)', () => {
  it('opens with its intake point, in the Puskesos inbox, and the ledger names who took it', () => {
    const state = opened(2);
    expect(state.facts.regencyReferral).toBe('AWAITING');
    expect(state.intakePoint).toEqual(intakePoint);
    expect(state.tasks.map((t) => [t.order.type, t.order.agencyCode, t.order.regionCode])).toEqual([['COMPLAINT_INTAKE', 'PUSKESOS', '7303']]);
    const openEntry = state.journal?.find((e) => e.action === 'openCase');
    expect(openEntry).toMatchObject({ actor: { id: 'p1', agencyCode: 'PUSKESOS' }, summary: 'openCase channel=COMPLAINT region=7303 intake=PUSKESOS@7303022005' });
  });

  it('is referred by the Puskesos with a reason: its task completes, the UPT SPMKS gets one, and the ledger says who referred it where', () => {
    const state = opened(2);
    expect(refer(state, puskesos).ok).toBe(true);
    expect(state.facts.regencyReferral).toBe('REFERRED');
    expect(state.stage).toBe('INTAKE');
    expect(state.responsibleAgency).toBe('UPT_SPMKS');
    expect(state.tasks.map((t) => [t.order.type, t.order.agencyCode, t.status])).toEqual([
      ['COMPLAINT_INTAKE', 'PUSKESOS', 'COMPLETED'],
      ['REGENCY_REFERRAL', 'UPT_SPMKS', 'OPEN'],
    ]);
    const referral = state.journal?.find((e) => e.action === 'referToRegency');
    expect(referral).toMatchObject({ actor: { id: 'p1', agencyCode: 'PUSKESOS' }, reason: 'butuh program kabupaten', summary: 'referToRegency → UPT_SPMKS', payload: { referredTo: 'UPT_SPMKS' } });
  });

  it('is referred once: a second referral, another agency, or a referral without reason is refused', () => {
    const state = opened(2);
    expect(refer(state, upt)).toMatchObject({ ok: false, failure: 'OTHER_AGENCY' });
    const noReason = { requestId: 'r0', actor: puskesos, taskKey: 'COMPLAINT_INTAKE@v1', outcome: { reason: '  ' } };
    expect(taskRequestProblems(state, 'completeTask', noReason)).toEqual(['outcome.reason must not be empty']);
    expect(refer(state, puskesos).ok).toBe(true);
    expect(refer(state, puskesos)).toMatchObject({ ok: false, failure: 'ILLEGAL_TRANSITION' });
  });

  it('the stage machine refuses staff, and a case without a referral step', () => {
    const state = opened(2);
    expect(decide(state.facts, { action: 'referToRegency', reason: 'x' }, 'CASE_WORKER')).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    expect(decide(opened(1).facts, { action: 'referToRegency', reason: 'x' }, 'AGENCY_OFFICER')).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', reason: expect.stringMatching(/referral step/) as unknown });
  });

  it('under v1 (pinned before the referral step) and without an intake point: no intake task, no referral', () => {
    expect(opened(1).tasks).toEqual([]);
    expect(opened(1).facts.regencyReferral).toBeUndefined();
    const staffComplaint = opened(2, { openedBy: { ...puskesos, role: 'CASE_WORKER', agencyCode: null, agencyId: null } });
    expect(staffComplaint.tasks).toEqual([]);
    expect('intakePoint' in staffComplaint).toBe(false);
  });

  it("offers 'referToRegency' in place of completing the intake task, exactly where the workflow accepts it", () => {
    const statuses: TaskStatus[] = ['OPEN', 'CLAIMED', 'COMPLETED', 'REJECTED', 'CANCELLED'];
    const actors = { puskesos, upt, supervisor: { ...puskesos, role: 'SUPERVISOR' as const, agencyCode: null, agencyId: null } };
    for (const status of statuses) {
      for (const actor of Object.values(actors)) {
        const state = opened(2);
        Object.assign(state.tasks[0] as object, { status });
        const offered = taskActionsFor(actor, { status, agencyCode: 'PUSKESOS', regionCode: '7303', type: 'COMPLAINT_INTAKE' });
        expect([status, actor.name, offered.includes('referToRegency')]).toEqual([status, actor.name, refer(state, actor).ok]);
        expect(offered).not.toContain('completeTask');
      }
    }
  });
});
