import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../contracts/actor';
import type { OpenCaseInput } from '../contracts/case';
import type { CaseCommand } from '../contracts/commands';
import type { Protocol } from '../contracts/protocol';
import type { RepeatRequest } from '../contracts/repeat';
import { applyRepeat, repeatRequestProblems, withinMonths } from './case-repeat';
import { applyCommand, initialState } from './case-state';
import type { LifecycleFacts } from './stage-machine';
import { decide, REFUSAL } from './stage-machine';

const protocol = (file: string): Protocol => JSON.parse(readFileSync(join(__dirname, '..', '..', 'protocols', `${file}.json`), 'utf8')) as Protocol;
const T0 = '2026-03-02T01:00:00.000Z';
const worker: Actor = { id: 'u1', kind: 'user', name: 'caseworker', role: 'CASE_WORKER', regionCode: '3514', agencyId: null, agencyCode: null };

const open = (file: string, age: number, overrides: Partial<OpenCaseInput> = {}) => {
  const s = initialState({ caseId: 'c2', channel: 'RAZIA', regionCode: '3514', person: { name: 'X', sex: 'L', approximateAge: age }, protocol: protocol(file), openedBy: worker, ...overrides }, T0);
  s.dispatchTasks = true;
  s.taskDeadlines = true;
  return s;
};
const notice = (previousClosedAt: string | null = '2025-09-01T00:00:00.000Z', requestId = 'rep-1'): RepeatRequest => ({
  requestId,
  actor: worker,
  repeat: { count: 1, previousCaseId: 'c1', previousOpenedAt: '2025-08-01T00:00:00.000Z', previousClosedAt },
});

describe('a repeat under the protocol’s repeat rules', () => {
  it('counts calendar months back from the opening', () => {
    expect(withinMonths('2025-03-02T01:00:00.000Z', T0, 12)).toBe(true);
    expect(withinMonths('2025-03-02T00:59:59.000Z', T0, 12)).toBe(false);
    expect(withinMonths('not a date', T0, 12)).toBe(false);
  });

  it('for a child under Pasuruan v2: a notifying ledger entry, the earlier-plan rule, a notice task for DP3AP2KB, once', () => {
    const s = open('3514.v2', 12);
    expect(applyRepeat(s, notice(), '2026-03-02T02:00:00.000Z')).toBe(true);
    expect(s.journal?.map((e) => e.action)).toEqual(['openCase', 'repeatNoticed', 'taskOrdered']);
    expect(s.journal?.[1]?.payload).toMatchObject({ count: 1, previousCaseId: 'c1', child: true });
    expect(s.facts.earlierPlanRequired).toBe(true);
    expect(s.tasks.map((t) => [t.order.type, t.order.agencyCode, t.status])).toEqual([['REPEAT_CHILD_NOTICE', 'DP3AP2KB', 'OPEN']]);
    expect(s).toMatchObject({ version: 2, repeat: { previousCaseId: 'c1', child: true } });
    expect(applyRepeat(s, notice(null, 'rep-2'), '2026-03-02T03:00:00.000Z')).toBe(false);
    expect(s.version).toBe(2);
  });

  it('for an adult: the entry and the rule, no task; the notice task survives the case moving on', () => {
    const adult = open('3514.v2', 40);
    expect(applyRepeat(adult, notice(), T0)).toBe(true);
    expect(adult.tasks).toEqual([]);
    const child = open('3514.v2', 10);
    applyRepeat(child, notice(), T0);
    const decision = decide(child.facts, { action: 'startHealthCheck' }, 'CASE_WORKER');
    if (!decision.ok) throw new Error(decision.reason);
    applyCommand(child, { requestId: 'r1', actor: worker, command: { action: 'startHealthCheck' } }, decision, T0);
    expect(child.tasks.find((t) => t.order.type === 'REPEAT_CHILD_NOTICE')?.status).toBe('OPEN');
  });

  it('changes nothing under a protocol without repeat rules, or when the earlier case is older than the window', () => {
    const v1 = open('3514.v1', 12);
    expect(applyRepeat(v1, notice(), T0)).toBe(false);
    expect([v1.version, v1.facts.earlierPlanRequired, v1.tasks, v1.journal?.length]).toEqual([1, undefined, [], 1]);
    const old = open('3514.v2', 12);
    expect(applyRepeat(old, { ...notice(), repeat: { count: 2, previousCaseId: 'c0', previousOpenedAt: '2024-01-01T00:00:00.000Z', previousClosedAt: '2025-02-01T00:00:00.000Z' } }, T0)).toBe(false);
    expect(old.version).toBe(1);
    // Still open earlier case: its opening counts.
    expect(applyRepeat(open('3514.v2', 30), notice(null), T0)).toBe(true);
  });

  it('refuses a malformed notice', () => {
    expect(repeatRequestProblems(notice())).toEqual([]);
    expect(repeatRequestProblems({ ...notice(), repeat: { count: 0, previousCaseId: '', previousOpenedAt: 'x', previousClosedAt: 'y' } })).toHaveLength(4);
  });
});

describe('the assessment of a repeat', () => {
  const assessment: Extract<CaseCommand, { action: 'recordAssessment' }> = { action: 'recordAssessment', ppksCategories: ['PPKS-11'], decision: 'REHABILITATION' };
  const facts: LifecycleFacts = { stage: 'ASSESSMENT', isChild: false, fromOtherRegion: false, originRegionCode: null, reintegrationType: null, repatriationAcknowledged: false, guardianConsentRecorded: false, referralRefused: false };

  it('must refer to the earlier plan when the repeat rules say so', () => {
    const refused = decide({ ...facts, earlierPlanRequired: true }, assessment, 'CASE_WORKER');
    expect(refused).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', reason: REFUSAL.EARLIER_PLAN_REFERENCE_REQUIRED });
    expect(decide({ ...facts, earlierPlanRequired: true }, { ...assessment, earlierPlanReference: '   ' }, 'CASE_WORKER').ok).toBe(false);
    expect(decide({ ...facts, earlierPlanRequired: true }, { ...assessment, earlierPlanReference: 'Rencana 2025: rehabilitasi di panti' }, 'CASE_WORKER')).toMatchObject({ ok: true, next: 'REHABILITATION' });
  });

  it('is unchanged otherwise', () => {
    expect(decide(facts, assessment, 'CASE_WORKER')).toMatchObject({ ok: true, next: 'REHABILITATION' });
  });
});
