import { kindOf, KINDS_BY_ROLE } from './notification-kinds';

const entry = (action: string, taskKey: string | null = null, outcome = 'RECORDED') => ({ action, taskKey, outcome });

describe('notification kinds', () => {
  it("tells an agency officer of new tasks and its tasks' missed clocks, nothing of stages", () => {
    const { kinds } = KINDS_BY_ROLE.AGENCY_OFFICER;
    expect(kindOf(entry('taskDelivered', 'HEALTH_CHECK@v2'), kinds)).toBe('TASK_NEW');
    expect(kindOf(entry('deadlineMissed', 'HEALTH_CHECK@v2'), kinds)).toBe('TASK_OVERDUE');
    expect(kindOf(entry('deadlineMissed'), kinds)).toBeUndefined();
    expect(kindOf(entry('escalated', 'HEALTH_CHECK@v2'), kinds)).toBeUndefined();
    expect(kindOf(entry('taskOrdered', 'HEALTH_CHECK@v2'), kinds)).toBeUndefined();
  });

  it('tells a case worker of missed stage deadlines and escalations, a supervisor of overdue tasks too', () => {
    const worker = KINDS_BY_ROLE.CASE_WORKER.kinds;
    const supervisor = KINDS_BY_ROLE.SUPERVISOR.kinds;
    expect(kindOf(entry('deadlineMissed'), worker)).toBe('DEADLINE_MISSED');
    expect(kindOf(entry('escalated'), worker)).toBe('ESCALATION');
    expect(kindOf(entry('rejectTask', 'ASSESSMENT@v4', 'ACCEPTED'), worker)).toBe('ESCALATION');
    expect(kindOf(entry('deadlineMissed', 'ASSESSMENT@v4'), worker)).toBeUndefined();
    expect(kindOf(entry('deadlineMissed', 'ASSESSMENT@v4'), supervisor)).toBe('TASK_OVERDUE');
    expect(kindOf(entry('taskDelivered', 'ASSESSMENT@v4'), supervisor)).toBeUndefined();
  });

  it("tells a supervisor, not a case worker or an agency, of a repeat the protocol's rules notify", () => {
    expect(kindOf(entry('repeatNoticed'), KINDS_BY_ROLE.SUPERVISOR.kinds)).toBe('REPEAT_CASE');
    expect(kindOf(entry('repeatRecorded'), KINDS_BY_ROLE.SUPERVISOR.kinds)).toBeUndefined();
    expect(kindOf(entry('repeatNoticed'), KINDS_BY_ROLE.CASE_WORKER.kinds)).toBeUndefined();
    expect(kindOf(entry('repeatNoticed'), KINDS_BY_ROLE.AGENCY_OFFICER.kinds)).toBeUndefined();
  });

  it('tells a supervisor only of the monthly report, and no ledger entry is one', () => {
    expect(KINDS_BY_ROLE.SUPERVISOR.kinds).toContain('MONTHLY_REPORT');
    for (const role of ['CASE_WORKER', 'AGENCY_OFFICER', 'AGENCY_SYSTEM', 'AUDITOR', 'ADMIN'] as const) expect(KINDS_BY_ROLE[role].kinds).not.toContain('MONTHLY_REPORT');
    expect(kindOf(entry('monthlyReport'), ['MONTHLY_REPORT'])).toBeUndefined();
  });

  it('ignores refused requests, and tells auditors and admins nothing', () => {
    expect(kindOf(entry('rejectTask', 'ASSESSMENT@v4', 'REJECTED'), KINDS_BY_ROLE.SUPERVISOR.kinds)).toBeUndefined();
    expect(KINDS_BY_ROLE.AUDITOR.kinds).toEqual([]);
    expect(KINDS_BY_ROLE.ADMIN.kinds).toEqual([]);
  });
});
