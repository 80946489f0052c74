import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { LedgerRow } from '../../activities/ledger';
import { LEDGER_COLUMNS, recordOf } from '../../activities/ledger';
import { verifyChain } from '../../src/audit/ledger-verify';
import { KNOWN_AGENCY_CODES } from '../../workflows/domain/agency-codes';
import { createAgencyWorkers } from '../../src/worker/agency-workers';
import { dataSourceOptions } from '../../src/database/data-source';
import { ProtocolRegistry } from '../../src/protocols/protocol-registry';
import { addSearchAttributes } from '../../src/temporal/namespace-setup';
import { caseCommandUpdates, getCaseQuery, taskUpdates } from '../../workflows/case/case.messages';
import type { Actor } from '../../workflows/contracts/actor';
import type { CaseSnapshot, OpenCaseInput } from '../../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/contracts/case';
import type { CaseCommand } from '../../workflows/contracts/commands';
import { eventually } from '../helpers/eventually';
import { recordHistory } from '../helpers/record-history';
import { testConfig } from '../helpers/test-config';
import { testStackValue } from '../helpers/test-stack';

/**
 * Deadlines measured in hours, days and months, on Temporal's time-skipping test server: the
 * workflow's durable timers fire as they would in production, without waiting.
 */
describe('case deadlines and long life (time skipping)', () => {
  let env: TestWorkflowEnvironment;
  let workers: Worker[];
  let running: Promise<unknown>;
  let dataSource: DataSource;
  const taskQueue = `deadlines-${randomUUID()}`;
  const protocols = ProtocolRegistry.fromDirectory(join(__dirname, '..', '..', 'protocols'));
  const caseWorker: Actor = { id: 'cw', kind: 'user', name: 'caseworker', role: 'CASE_WORKER', regionCode: '35', agencyId: null, agencyCode: null };
  const supervisor: Actor = { ...caseWorker, id: 'sup', name: 'supervisor', role: 'SUPERVISOR' };

  const open = (overrides: Partial<OpenCaseInput> & { regionCode: string }) => {
    const input: OpenCaseInput = {
      caseId: randomUUID(),
      channel: 'RAZIA',
      person: { name: 'Test', sex: 'L', approximateAge: 40 },
      openedBy: caseWorker,
      protocol: protocols.forRegion(overrides.regionCode),
      ...overrides,
    };
    return env.client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(input.caseId), taskQueue, args: [input] });
  };
  let n = 0;
  const command = (h: WorkflowHandle, c: CaseCommand, actor: Actor = caseWorker, requestId = `req-${++n}`) =>
    h.executeUpdate(caseCommandUpdates[c.action], { args: [{ requestId, actor, command: c }], updateId: requestId });
  const state = (h: WorkflowHandle): Promise<CaseSnapshot> => h.query(getCaseQuery);
  /** The stage's own escalations (agency tasks have ladders of their own, marked with taskKey). */
  const stageEscalations = async (h: WorkflowHandle) => (await state(h)).escalations.filter((e) => e.taskKey === undefined);
  /** The projection follows the workflow through an activity; wait (bounded) until it shows `version`. */
  const projected = (caseId: string, version: number) =>
    eventually(
      async () => (await dataSource.query<{ version: number; overdue: boolean; escalations: unknown[] }[]>('SELECT version, overdue, escalations FROM case_view WHERE id = $1', [caseId]))[0],
      (row) => row !== undefined && row.version >= version,
    );

  /** The case's audit ledger, checked as /history/verify checks it. */
  const ledger = async (caseId: string) => {
    const records = (await dataSource.query<LedgerRow[]>(`SELECT ${LEDGER_COLUMNS} FROM case_event WHERE case_id = $1 ORDER BY seq`, [caseId])).map(recordOf);
    const [head] = await dataSource.query<{ seq: number; hash: string }[]>('SELECT seq, hash FROM case_ledger_head WHERE case_id = $1', [caseId]);
    expect(verifyChain(records, head ?? null)).toMatchObject({ valid: true, firstBroken: null });
    return records.filter((r) => r.action !== 'taskDelivered'); // delivery runs in the background
  };
  const hoursAfter = (from: string, at: string) => (Date.parse(at) - Date.parse(from)) / 3_600_000;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testStackValue('timeSkippingServer') } } });
    await addSearchAttributes(env.connection, 'default');
    const { database } = testConfig();
    dataSource = await new DataSource(dataSourceOptions({ url: database.url as string, schema: database.schema, poolSize: 2 })).initialize();
    const caseWorker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: { codePath: testStackValue('workflowBundle') }, activities: createActivities({ dataSource }) });
    // The agencies' queues are served as in production (a pending agency task would hold the test clock).
    const regions = ['3510', '3514', '3272', '1371', '7303', '3578'];
    const queues = regions.flatMap((regionCode) => KNOWN_AGENCY_CODES.map((agencyCode) => ({ agencyCode, regionCode })));
    const agencies = await createAgencyWorkers(env.nativeConnection, 'default', queues, { dataSource });
    workers = [caseWorker, ...agencies];
    running = Promise.all(workers.map((w) => w.run()));
  });

  afterAll(async () => {
    for (const w of workers ?? []) w.shutdown();
    await running;
    await env?.teardown();
    await dataSource?.destroy();
  });

  it("escalates a Banyuwangi complaint whose 4-hour first response passes: assignee, supervisor, coordinator", async () => {
    const h = await open({ channel: 'COMPLAINT', regionCode: '3510', person: { name: 'Ibu K', sex: 'P', approximateAge: 52 } });
    await env.sleep('239m');
    expect(await state(h)).toMatchObject({ stage: 'INTAKE', overdue: false, escalations: [] });
    await env.sleep('2m');
    expect((await state(h)).escalations.map((e) => e.notify)).toEqual(['ASSIGNEE']);
    await env.sleep('2h');
    await env.sleep('2h');
    const s = await state(h);
    expect([s.overdue, s.escalations.map((e) => [e.level, e.notify])]).toEqual([true, [[1, 'ASSIGNEE'], [2, 'AGENCY_SUPERVISOR'], [3, 'REGIONAL_COORDINATOR']]]);
    const row = await projected(s.caseId, s.version);
    expect([row?.overdue, row?.escalations.length]).toEqual([true, 3]);
    // Responding clears the overdue flag and starts the next stage's clock.
    expect(await command(h, { action: 'startHealthCheck' })).toMatchObject({ stage: 'HEALTH_CHECK', overdue: false });
    await recordHistory(h, 'lifecycle-complaint-escalated');
    // The ledger holds the missed deadline and each rung at the workflow time it fired.
    const events = await ledger(s.caseId);
    expect(events.map((e) => [e.action, e.actor.role, hoursAfter(s.openedAt, e.occurredAt)])).toEqual([
      ['openCase', 'CASE_WORKER', 0],
      ['deadlineMissed', 'SYSTEM', 4],
      ['reminder', 'SYSTEM', 4],
      ['escalated', 'SYSTEM', 6],
      ['escalated', 'SYSTEM', 8],
      ['startHealthCheck', 'CASE_WORKER', expect.any(Number)],
      ['stageChanged', 'CASE_WORKER', expect.any(Number)],
      ['taskOrdered', 'SYSTEM', expect.any(Number)],
    ]);
    expect(events.filter((e) => e.action === 'escalated').map((e) => e.summary)).toEqual(['INTAKE level 2 → AGENCY_SUPERVISOR', 'INTAKE level 3 → REGIONAL_COORDINATOR']);
  });

  it('escalates a shelter stay past its limit unless a supervisor extends it', async () => {
    const h = await open({ regionCode: '3514' });
    await command(h, { action: 'startHealthCheck' });
    await command(h, { action: 'recordHealthCheck', result: 'FIT' });
    const sheltered = await command(h, { action: 'recordAssessment', ppksCategories: ['PPKS-11'], decision: 'SHELTER', shelterType: 'ADULT' });
    expect(Date.parse(sheltered.deadlineAt as string) - Date.parse(sheltered.stageEnteredAt)).toBe(7 * 86_400_000);
    await env.sleep('167h');
    expect((await state(h)).overdue).toBe(false);
    await env.sleep('2h');
    expect((await state(h)).overdue).toBe(true);
    expect(await stageEscalations(h)).toMatchObject([{ stage: 'SHELTER', notify: 'ASSIGNEE' }]);
    await env.sleep('1d');
    expect((await stageEscalations(h)).map((e) => e.notify)).toEqual(['ASSIGNEE', 'AGENCY_SUPERVISOR']);
    const extended = await command(h, { action: 'extendShelterStay', days: 3, reason: 'waiting for the bus to Malang' }, supervisor);
    expect([extended.overdue, Date.parse(extended.deadlineAt as string) - Date.parse(extended.stageEnteredAt)]).toEqual([false, 10 * 86_400_000]);
    await env.sleep('1d'); // day 9 + 1 h of a 10-day stay
    expect((await state(h)).overdue).toBe(false);
    await env.sleep('1d');
    expect((await state(h)).overdue).toBe(true);
    await recordHistory(h, 'lifecycle-shelter-extended');
  });

  it("walks an unclaimed task's ladder in order (assignee, agency supervisor, coordinator), and restarts it when claimed", async () => {
    const h = await open({ regionCode: '3514' });
    await command(h, { action: 'startHealthCheck' });
    const caseId = h.workflowId.replace(/^case-/, '');
    const taskLadder = async () => (await state(h)).escalations.filter((e) => e.taskKey === 'HEALTH_CHECK@v1').map((e) => [e.level, e.notify]);
    await env.sleep('239m');
    expect(await taskLadder()).toEqual([]);
    await env.sleep('2m'); // Pasuruan: claim within 4 hours
    expect(await taskLadder()).toEqual([[1, 'ASSIGNEE']]);
    await env.sleep('1d');
    expect(await taskLadder()).toEqual([[1, 'ASSIGNEE'], [2, 'AGENCY_SUPERVISOR']]);
    await env.sleep('2d');
    expect(await taskLadder()).toEqual([[1, 'ASSIGNEE'], [2, 'AGENCY_SUPERVISOR'], [3, 'REGIONAL_COORDINATOR']]);
    const row = await eventually(
      async () => (await dataSource.query<{ overdue: boolean; accept_by: Date }[]>('SELECT overdue, accept_by FROM agency_task WHERE case_id = $1', [caseId]))[0],
      (r) => r?.overdue === true,
    );
    expect(row?.overdue).toBe(true);
    // Claimed: the task moves to its completion clock (the health check's one-day deadline, passed two
    // days and 4 hours ago), so its ladder starts over and the rungs already due fire at once.
    const officer: Actor = { id: 'dk', kind: 'user', name: 'dinkes', role: 'AGENCY_OFFICER', regionCode: '3514', agencyId: 'x', agencyCode: 'DINKES' };
    await h.executeUpdate(taskUpdates.claimTask, { args: [{ requestId: 'claim-1', actor: officer, taskKey: 'HEALTH_CHECK@v1' }], updateId: 'claim-1' });
    const restarted = await eventually(taskLadder, (ladder) => ladder.length >= 5);
    expect(restarted).toEqual([[1, 'ASSIGNEE'], [2, 'AGENCY_SUPERVISOR'], [3, 'REGIONAL_COORDINATOR'], [1, 'ASSIGNEE'], [2, 'AGENCY_SUPERVISOR']]);
    const claimedRow = await eventually(
      async () => (await dataSource.query<{ status: string }[]>('SELECT status FROM agency_task WHERE case_id = $1', [caseId]))[0],
      (r) => r?.status === 'CLAIMED',
    );
    expect(claimedRow?.status).toBe('CLAIMED');
    const taskEvents = (await ledger(caseId)).filter((e) => e.taskKey === 'HEALTH_CHECK@v1').map((e) => [e.action, e.agencyCode, e.actor.role]);
    expect(taskEvents).toEqual([
      ['taskOrdered', 'DINKES', 'SYSTEM'],
      ['deadlineMissed', 'DINKES', 'SYSTEM'],
      ['reminder', 'DINKES', 'SYSTEM'],
      ['escalated', 'DINKES', 'SYSTEM'],
      ['escalated', 'DINKES', 'SYSTEM'],
      ['claimTask', 'DINKES', 'AGENCY_OFFICER'],
      ['deadlineMissed', 'DINKES', 'SYSTEM'],
      ['reminder', 'DINKES', 'SYSTEM'],
      ['escalated', 'DINKES', 'SYSTEM'],
    ]);
  });

  it('runs monitoring for months across continue-as-new, keeping state and processed request ids', async () => {
    const h = await open({ regionCode: '3514', maxHistoryEvents: 60 });
    const firstRun = (await h.describe()).runId;
    await command(h, { action: 'startHealthCheck' });
    await command(h, { action: 'recordHealthCheck', result: 'FIT' });
    await command(h, { action: 'recordAssessment', ppksCategories: ['PPKS-12'], decision: 'REINTEGRATION', reintegrationType: 'FAMILY_REUNIFICATION' }, caseWorker, 'assessment-request');
    await command(h, { action: 'completeReintegration' });
    // Visits are due 1, 3 and 6 months after monitoring starts; each check comes a day late.
    for (const [month, wait] of [[1, '31d'], [3, '60d'], [6, '90d']] as const) {
      await env.sleep(wait);
      const s = await state(h);
      expect([month, s.stage, s.overdue]).toEqual([month, 'MONITORING', true]);
      await command(h, { action: 'recordMonitoringVisit', outcome: 'STABLE' });
    }
    const before = await state(h);
    const described = await h.describe();
    expect(described.runId).not.toBe(firstRun); // the history was bounded by continue-as-new
    // A request applied in an earlier run is still recognised: applied once, same state back.
    expect((await command(h, { action: 'recordAssessment', ppksCategories: ['PPKS-12'], decision: 'SHELTER' }, caseWorker, 'assessment-request')).version).toBe(before.version);
    const closed = await command(h, { action: 'closeCase', reason: 'COMPLETED', note: 'stable after six months' }, supervisor);
    expect(closed).toMatchObject({ stage: 'CLOSED', ppksCategories: ['PPKS-12'], overdue: false });
    expect(await h.result()).toMatchObject({ stage: 'CLOSED' });
    await recordHistory(h, 'lifecycle-monitoring-continued-closed');
    // One chain across runs: nothing lost or skipped at continue-as-new, the repeated request not recorded twice.
    const events = await ledger(before.caseId);
    expect(new Set(events.map((e) => e.runId)).size).toBeGreaterThan(1);
    expect(events.filter((e) => e.outcome === 'ACCEPTED').map((e) => e.action)).toEqual([
      'openCase', 'startHealthCheck', 'recordHealthCheck', 'recordAssessment', 'completeReintegration',
      'recordMonitoringVisit', 'recordMonitoringVisit', 'recordMonitoringVisit', 'closeCase',
    ]);
    const missed = events.filter((e) => e.action === 'deadlineMissed');
    expect(missed.filter((e) => e.taskKey === null).map((e) => e.payload?.stage)).toEqual(['MONITORING', 'MONITORING', 'MONITORING']);
    expect(missed.filter((e) => e.taskKey !== null).map((e) => e.taskKey?.split('@')[0])).toEqual(['FOLLOW_UP_VISIT', 'FOLLOW_UP_VISIT', 'FOLLOW_UP_VISIT']);
  });
});
