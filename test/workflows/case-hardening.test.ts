import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities, createAgencyActivities } from '../../activities';
import type { CaseChange } from '../../activities/case-projection.activities';
import { ProtocolRegistry } from '../../src/protocols/protocol-registry';
import { caseCommandUpdates, confirmOpenedUpdate, getCaseQuery, taskUpdates } from '../../workflows/case/case.messages';
import type { Actor } from '../../workflows/contracts/actor';
import type { OpenCaseInput } from '../../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/contracts/case';
import type { CaseCommand } from '../../workflows/contracts/commands';
import type { AgencyTaskOrder } from '../../workflows/contracts/task';
import { agencyTaskQueue } from '../../workflows/contracts/task';
import { eventually } from '../helpers/eventually';
import type { NamespaceStack } from '../helpers/namespace-stack';
import { namespaceStack } from '../helpers/namespace-stack';
import { testStackValue } from '../helpers/test-stack';

/** A promise the test resolves by hand: holds an activity until the test lets it go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Rejects when `promise` takes longer than `ms` (a stuck case shows as a clear failure, not a hang). */
const within = <T>(ms: number, promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

type HistoryEvents = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>;

/** Whether a workflow task completed after the webhook call's result reached the run. */
function decidedAfterNotify(events: HistoryEvents): boolean {
  const scheduled = new Set(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'notifyAgencyWebhook').map((e) => String(e.eventId)));
  const done = events.findIndex((e) => scheduled.has(String(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? '')));
  return done >= 0 && events.slice(done).some((e) => e.workflowTaskCompletedEventAttributes);
}

/**
 * Faults found by reading the case workflow (issue 10, item 6), each on a real server with real
 * activities on PostgreSQL. Agency queue names are shared: this file has a namespace of its own.
 */
describe('case workflow hardening (real server)', () => {
  const namespace = `hardening-${randomUUID().slice(0, 8)}`;
  const protocols = ProtocolRegistry.fromDirectory(join(__dirname, '..', '..', 'protocols'));
  const caseWorker: Actor = { id: 'cw', kind: 'user', name: 'caseworker', role: 'CASE_WORKER', regionCode: '3514', agencyId: null, agencyCode: null };
  const dinkesOfficer: Actor = { id: 'dk', kind: 'user', name: 'dinkes', role: 'AGENCY_OFFICER', regionCode: '3504', agencyId: 'a', agencyCode: 'DINKES' };
  let connection: NativeConnection;
  let stack: NamespaceStack;
  let temporal: { client: Client };
  let dataSource: DataSource;
  const workers: Worker[] = [];
  const running: Promise<void>[] = [];

  const run = (w: Worker) => {
    workers.push(w);
    running.push(w.run());
    return w;
  };
  const caseWorkerFor = async (taskQueue: string, activities: object) =>
    run(await Worker.create({ connection, namespace, dataConverter: stack.dataConverter, taskQueue, workflowBundle: { codePath: testStackValue('workflowBundle') }, activities }));
  const agencyWorker = async (regionCode: string, code: string, activities: object = createAgencyActivities({ dataSource })) =>
    run(await Worker.create({ connection, namespace, dataConverter: stack.dataConverter, taskQueue: agencyTaskQueue(regionCode, code), activities }));

  /** Each test works in a region of its own: a worker per agency queue and process is the SDK's rule. */
  const start = (taskQueue: string, regionCode: string, overrides: Partial<OpenCaseInput> = {}): Promise<WorkflowHandle> => {
    const input: OpenCaseInput = { caseId: randomUUID(), channel: 'RAZIA', regionCode, person: { name: 'Test', sex: 'L', approximateAge: 40 }, openedBy: { ...caseWorker, regionCode }, protocol: protocols.forRegion(regionCode), ...overrides };
    return temporal.client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(input.caseId), taskQueue, args: [input] });
  };
  let n = 0;
  const command = (h: WorkflowHandle, c: CaseCommand, actor: Actor = { ...caseWorker, regionCode: '35' }) => {
    const requestId = `r-${++n}`;
    return h.executeUpdate(caseCommandUpdates[c.action], { args: [{ requestId, actor, command: c }], updateId: requestId });
  };
  const caseIdOf = (h: WorkflowHandle) => h.workflowId.replace(/^case-/, '');
  const ledgerActions = async (caseId: string) => (await dataSource.query<{ action: string }[]>('SELECT action FROM case_event WHERE case_id = $1 ORDER BY seq', [caseId])).map((r) => r.action);
  const failedWorkflowTasks = async (h: WorkflowHandle) => (await h.fetchHistory()).events?.filter((e) => e.workflowTaskFailedEventAttributes) ?? [];

  beforeAll(async () => {
    stack = await namespaceStack(namespace);
    ({ connection, dataSource } = stack);
    temporal = { client: stack.client };
  });

  afterAll(async () => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
    await Promise.all(running);
    await stack?.close();
  });

  it('marks a case whose data PostgreSQL refuses for attention, instead of retrying its projection forever', async () => {
    const taskQueue = `cases-${randomUUID()}`;
    const real = createActivities({ dataSource });
    let projections = 0;
    // Writes of the case's row (one change, or its row apart after a refusal); no agency worker serves 3501, so no delivery writes.
    await caseWorkerFor(taskQueue, { ...real, projectChange: (change: CaseChange) => ((projections += change.snapshot === null ? 0 : 1), real.projectChange(change)) });
    // A NUL in a name (the API refuses it now; this caller bypasses the API): jsonb cannot store it.
    const h = await start(taskQueue, '3501', { person: { name: 'a\u0000b', sex: 'L', approximateAge: 30 } });
    const opened = await within(15_000, h.executeUpdate(confirmOpenedUpdate, { updateId: 'confirm-opened' }));
    expect(opened.stage).toBe('INTAKE');
    const flag = async () => (await dataSource.query<{ operation: string; sqlstate: string; region_code: string; quarantined_entries: number }[]>('SELECT operation, sqlstate, region_code, quarantined_entries FROM case_attention WHERE case_id = $1', [caseIdOf(h)]))[0];
    // A person in clear (a workflow started before sealing) goes to the registry's text columns: 22021 refuses the NUL there.
    expect(await flag()).toEqual({ operation: 'projectCase', sqlstate: '22021', region_code: '3501', quarantined_entries: 1 });
    // The case goes on: a command is accepted and answered at once. Each write is tried once whole and
    // once in halves (never retried); entries the database refuses are set aside, not carried forever.
    const moved = await within(15_000, command(h, { action: 'startHealthCheck' }));
    expect(moved.stage).toBe('HEALTH_CHECK');
    expect(projections).toBe(4);
    expect((await flag())?.quarantined_entries).toBeGreaterThanOrEqual(3);
    expect(await failedWorkflowTasks(h)).toEqual([]);
  });

  it('records a delivery that fails beyond retries on the task, instead of failing the workflow task over and over', async () => {
    const taskQueue = `cases-${randomUUID()}`;
    await caseWorkerFor(taskQueue, createActivities({ dataSource }));
    await agencyWorker('3502', 'DINKES', {
      dispatchAgencyTask: () => Promise.reject(ApplicationFailure.create({ type: 'UNKNOWN_TASK_TYPE', message: 'our system does not know this task', nonRetryable: true })),
    });
    const h = await start(taskQueue, '3502');
    await command(h, { action: 'startHealthCheck' });
    const caseId = caseIdOf(h);
    const actions = await eventually(() => ledgerActions(caseId), (a) => a.includes('taskDeliveryFailed'));
    expect(actions).toContain('taskDeliveryFailed');
    const state = await h.query(getCaseQuery);
    expect(state.escalations.map((e) => [e.taskKey, e.notify])).toEqual([['HEALTH_CHECK@v1', 'AGENCY_SUPERVISOR']]);
    expect((await command(h, { action: 'recordHealthCheck', result: 'FIT' })).stage).toBe('ASSESSMENT');
    expect(await failedWorkflowTasks(h)).toEqual([]);
  });

  it('finishes an update admitted while the run continues as new, instead of cutting it off', async () => {
    const taskQueue = `cases-${randomUUID()}`;
    const real = createActivities({ dataSource });
    const notify = gate();
    const tasksWrite = { armed: false, gate: gate(), waiting: 0 };
    await caseWorkerFor(taskQueue, {
      ...real,
      notifyAgencyWebhook: async (...args: Parameters<typeof real.notifyAgencyWebhook>) => (await notify.opened, real.notifyAgencyWebhook(...args)),
      projectChange: async (change: CaseChange) => {
        if (tasksWrite.armed && change.tasks !== null) {
          tasksWrite.waiting += 1;
          await tasksWrite.gate.opened;
        }
        return real.projectChange(change);
      },
    });
    await agencyWorker('3504', 'DINKES');
    // How long an opened case's first run is, so that the next change crosses the continue-as-new bound.
    const probe = await start(taskQueue, '3504');
    await probe.executeUpdate(confirmOpenedUpdate, { updateId: 'confirm-opened' });
    const openedLength = (await probe.describe()).historyLength;
    const h = await start(taskQueue, '3504', { maxHistoryEvents: openedLength + 1 });
    await h.executeUpdate(confirmOpenedUpdate, { updateId: 'confirm-opened' });
    await command(h, { action: 'startHealthCheck' }); // the run is due to continue; its task's webhook call is held
    const firstRun = (await h.describe()).runId;
    const [task] = await eventually(
      () => dataSource.query<{ task_key: string }[]>("SELECT task_key FROM agency_task WHERE case_id = $1 AND type = 'HEALTH_CHECK'", [caseIdOf(h)]),
      (rows) => rows.length === 1,
    );
    tasksWrite.armed = true;
    const claim = h.executeUpdate(taskUpdates.claimTask, { args: [{ requestId: 'claim-1', actor: dinkesOfficer, taskKey: (task as { task_key: string }).task_key }], updateId: 'claim-1' });
    expect(await eventually(() => Promise.resolve(tasksWrite.waiting), (w) => w > 0)).toBeGreaterThan(0); // the claim waits on its inbox write
    notify.open(); // the delivery finishes: nothing else holds the run back from continuing
    // Wait until the first run has taken that in (a workflow task completed after the call's result):
    // the run decides there whether to continue now or after the claim.
    const firstRunHistory = () => temporal.client.workflow.getHandle(h.workflowId, firstRun).fetchHistory();
    await eventually(firstRunHistory, (hh) => decidedAfterNotify(hh.events ?? []));
    tasksWrite.gate.open();
    const claimed = await within(15_000, claim);
    expect(claimed.version).toBeGreaterThan(2);
    const next = await eventually(() => h.describe(), (d) => d.runId !== firstRun);
    expect(next.runId).not.toBe(firstRun);
    expect((await h.query(getCaseQuery)).lastAction?.action).toBe('claimTask');
  });

  it("sends each region's tasks to that region's queue: an agency's own system receives its own region's only", async () => {
    const taskQueue = `cases-${randomUUID()}`;
    await caseWorkerFor(taskQueue, createActivities({ dataSource }));
    const received: string[] = [];
    const real = createAgencyActivities({ dataSource });
    await agencyWorker('3514', 'DINKES', { dispatchAgencyTask: (order: AgencyTaskOrder) => (received.push(order.regionCode), real.dispatchAgencyTask(order)) });
    const pasuruan = await start(taskQueue, '3514');
    const banyuwangi = await start(taskQueue, '3510');
    await command(banyuwangi, { action: 'startHealthCheck' });
    await command(pasuruan, { action: 'startHealthCheck' });
    await eventually(() => dataSource.query('SELECT 1 FROM agency_task WHERE case_id = $1', [caseIdOf(pasuruan)]), (rows) => rows.length === 1);
    expect(received).toEqual(['3514']);
    expect(await dataSource.query('SELECT 1 FROM agency_task WHERE case_id = $1', [caseIdOf(banyuwangi)])).toEqual([]);
  });
});
