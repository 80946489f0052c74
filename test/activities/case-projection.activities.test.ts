import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createCaseProjectionActivities } from '../../activities/case-projection.activities';
import type { LedgerRow } from '../../activities/ledger';
import { LEDGER_COLUMNS, recordOf } from '../../activities/ledger';
import { verifyChain } from '../../src/audit/ledger-verify';
import { dataSourceOptions } from '../../src/database/data-source';
import type { CaseSnapshot } from '../../workflows/contracts/case';
import type { LedgerEntry } from '../../workflows/contracts/ledger';
import { SYSTEM_ACTOR } from '../../workflows/contracts/ledger';
import { PROJECTION_DATA_ERROR } from '../../workflows/contracts/projection';
import type { AgencyTaskOrder, TaskState } from '../../workflows/contracts/task';
import { createAgencyTaskActivities } from '../../activities/agency-task.activities';
import { testConfig } from '../helpers/test-config';

const snapshot = (overrides: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  caseId: randomUUID(),
  stage: 'INTAKE',
  channel: 'COMPLAINT',
  regionCode: '3510',
  person: { name: 'Rina', sex: 'P', approximateAge: 70 },
  openedBy: null,
  originRegionCode: null,
  protocol: null,
  ppksCategories: [],
  warnings: [],
  closure: null,
  responsibleAgency: null,
  deadlineAt: null,
  overdue: false,
  escalations: [],
  lastAction: null,
  stageEnteredAt: '2026-01-05T03:00:00.000Z',
  openedAt: '2026-01-05T03:00:00.000Z',
  updatedAt: '2026-01-05T03:00:00.000Z',
  version: 1,
  ...overrides,
});

describe('projectCase (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let projectCase: ReturnType<typeof createCaseProjectionActivities>['projectCase'];

  const row = async (id: string) => (await dataSource.query('SELECT * FROM case_view WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    const { database } = testConfig();
    dataSource = new DataSource(dataSourceOptions({ url: database.url as string, schema: database.schema, poolSize: 2 }));
    await dataSource.initialize();
    ({ projectCase } = createCaseProjectionActivities({ dataSource }));
  });

  afterAll(() => dataSource.destroy());

  it('inserts the case once, however often it is retried', async () => {
    const s = snapshot();
    await projectCase(s);
    await projectCase(s);
    await Promise.all([projectCase(s), projectCase(s)]);
    const rows = await dataSource.query('SELECT count(*)::int AS n FROM case_view WHERE id = $1', [s.caseId]);
    expect(rows[0].n).toBe(1);
    expect(await row(s.caseId)).toMatchObject({ version: 1, region_code: '3510', stage: 'INTAKE' });
  });

  const entry = (key: string, s: CaseSnapshot): LedgerEntry => ({
    key,
    action: 'escalated',
    outcome: 'RECORDED',
    actor: SYSTEM_ACTOR,
    agencyCode: null,
    taskKey: null,
    reason: null,
    summary: `event ${key}`,
    payload: { key, nested: { b: 2, a: [1, { z: null, y: 'ü' }] } },
    snapshot: s,
    regionCode: s.regionCode,
    protocol: null,
    occurredAt: '2026-01-05T03:00:00.000Z',
    origin: { workflowId: `case-${s.caseId}`, runId: 'run-1', eventId: 7 },
  });
  const chain = async (caseId: string) => {
    const records = (await dataSource.query<LedgerRow[]>(`SELECT ${LEDGER_COLUMNS} FROM case_event WHERE case_id = $1 ORDER BY seq`, [caseId])).map(recordOf);
    const [head] = await dataSource.query<{ seq: number; hash: string }[]>('SELECT seq, hash FROM case_ledger_head WHERE case_id = $1', [caseId]);
    return { records, verdict: verifyChain(records, head ?? null) };
  };

  it('appends ledger entries once each, in order, however retries and concurrent batches overlap', async () => {
    const s = snapshot();
    const [w1, w2, w3, w4] = ['w1', 'w2', 'w3', 'w4'].map((k) => entry(k, s)) as [LedgerEntry, LedgerEntry, LedgerEntry, LedgerEntry];
    await projectCase(s, [w1, w2]);
    await projectCase(s, [w1, w2]); // a retried activity
    await Promise.all([projectCase({ ...s, version: 2 }, [w3]), projectCase({ ...s, version: 2 }, [w3, w4]), projectCase({ ...s, version: 2 }, [w3, w4])]);
    const { records, verdict } = await chain(s.caseId);
    expect(records.map((r) => [r.seq, r.key])).toEqual([[1, 'w1'], [2, 'w2'], [3, 'w3'], [4, 'w4']]);
    expect(verdict).toEqual({ valid: true, events: 4, firstBroken: null });
    // What comes back from jsonb hashes as what went in (key order, unicode, nulls).
    expect(records[0]?.payload).toEqual(w1.payload);
    expect(records[0]).toMatchObject({ workflowId: `case-${s.caseId}`, runId: 'run-1', eventId: 7, prevHash: '0'.repeat(64) });
  });

  it('never lets an older version overwrite a newer one (late retries are harmless)', async () => {
    const s = snapshot();
    await projectCase({ ...s, version: 2, person: { ...s.person, name: 'Rina (verified)' }, updatedAt: '2026-01-06T00:00:00.000Z' });
    await projectCase(s);
    const current = await row(s.caseId);
    expect(current.version).toBe(2);
    // A person in clear (a workflow started before sealing): the read model keeps sex and age, the registry the rest.
    expect(current.person).toEqual({ sex: s.person.sex, approximateAge: s.person.approximateAge });
    expect(await dataSource.query('SELECT name FROM case_subject WHERE case_id = $1', [s.caseId])).toEqual([{ name: 'Rina (verified)' }]);
    expect(current.updated_at.toISOString()).toBe('2026-01-06T00:00:00.000Z');
  });
});

describe('projectTasks and data errors (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let activities: ReturnType<typeof createCaseProjectionActivities>;
  const order = (caseId: string): AgencyTaskOrder => ({ taskKey: 'HEALTH_CHECK@v1', caseId, type: 'HEALTH_CHECK', agencyCode: 'DINKES', regionCode: '3514', dispatchedAt: '2026-01-05T03:00:00.000Z', dueAt: null });
  const task = (caseId: string, overrides: Partial<TaskState>): TaskState => ({ order: order(caseId), receipt: { taskId: 'x', recordedBy: 'sinergi' }, status: 'OPEN', assignee: null, outcome: null, reason: null, closedAt: null, ...overrides });
  const status = async (caseId: string) => (await dataSource.query<{ status: string; version: number }[]>('SELECT status, version FROM agency_task WHERE case_id = $1', [caseId]))[0];

  beforeAll(async () => {
    const { database } = testConfig();
    dataSource = await new DataSource(dataSourceOptions({ url: database.url as string, schema: database.schema, poolSize: 2 })).initialize();
    activities = createCaseProjectionActivities({ dataSource });
  });

  afterAll(() => dataSource.destroy());

  it('writes a task only forward: a late, older projection never turns COMPLETED back into CLAIMED', async () => {
    const caseId = randomUUID();
    await activities.projectTasks(caseId, [task(caseId, { status: 'COMPLETED', outcome: { result: 'FIT' }, closedAt: '2026-01-05T04:00:00.000Z' })], [], 5);
    await activities.projectTasks(caseId, [task(caseId, { status: 'CLAIMED', assignee: { id: 'u', name: 'dinkes' } })], [], 4);
    expect(await status(caseId)).toEqual({ status: 'COMPLETED', version: 5 });
    await activities.projectTasks(caseId, [task(caseId, { status: 'COMPLETED', outcome: { result: 'FIT' } })], [], 5); // a retry of the same version
    expect(await status(caseId)).toEqual({ status: 'COMPLETED', version: 5 });
  });

  it("cancels a row an agency's worker wrote although the case moved past the task before its receipt came back", async () => {
    const caseId = randomUUID();
    await createAgencyTaskActivities({ dataSource }).dispatchAgencyTask(order(caseId));
    await activities.projectTasks(caseId, [task(caseId, { receipt: null, status: 'CANCELLED', closedAt: '2026-01-05T04:00:00.000Z' })], [], 3);
    expect(await status(caseId)).toEqual({ status: 'CANCELLED', version: 3 });
  });

  it("keeps a task closed when an agency's worker records it only after the case moved past it", async () => {
    const caseId = randomUUID();
    await activities.projectTasks(caseId, [task(caseId, { receipt: null, status: 'CANCELLED', closedAt: '2026-01-05T04:00:00.000Z' })], [], 3);
    await createAgencyTaskActivities({ dataSource }).dispatchAgencyTask(order(caseId)); // the late delivery
    expect(await status(caseId)).toEqual({ status: 'CANCELLED', version: 3 });
  });

  it('fails at once, without retries, when PostgreSQL refuses the data itself (a NUL in a text)', async () => {
    const attempt = activities.projectCase({ ...snapshot(), stage: 'CLOSED', closure: { reason: 'ABSCONDED', note: 'a\u0000b' } });
    await expect(attempt).rejects.toMatchObject({ name: 'ApplicationFailure', type: PROJECTION_DATA_ERROR, nonRetryable: true, details: [{ sqlstate: '22P05' }] });
    await expect(attempt).rejects.not.toThrow(/a\u0000b/);
  });

  it('stays retryable when the database is unavailable, not the data wrong', async () => {
    const down = new DataSource(dataSourceOptions({ url: 'postgres://nobody@127.0.0.1:1/none', schema: 'public', poolSize: 1 }));
    const attempt = createCaseProjectionActivities({ dataSource: down }).projectCase(snapshot());
    await expect(attempt).rejects.toMatchObject({ name: 'SanitizedActivityError' });
  });
});
