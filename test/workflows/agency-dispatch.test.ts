import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal as temporal_ } from '@temporalio/proto';
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities, createAgencyActivities } from '../../activities';
import { ProtocolRegistry } from '../../src/protocols/protocol-registry';
import { createAgencyWorkers } from '../../src/worker/agency-workers';
import { caseCommandUpdates } from '../../workflows/case/case.messages';
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

/** Agency queues are shared names (`agency-3514-dinkes`): this file gets a namespace of its own. */
describe('agency task dispatch on the agencies’ own queues (real server)', () => {
  const namespace = `dispatch-${randomUUID().slice(0, 8)}`;
  const taskQueue = `cases-${randomUUID()}`;
  const protocol = ProtocolRegistry.fromDirectory(join(__dirname, '..', '..', 'protocols')).forRegion('3514');
  const actor: Actor = { id: 'cw', kind: 'user', name: 'caseworker', role: 'CASE_WORKER', regionCode: '3514', agencyId: null, agencyCode: null };
  let connection: NativeConnection;
  let stack: NamespaceStack;
  let temporal: { client: Client };
  let dataSource: DataSource;
  let caseWorker: Worker;
  const running: Promise<void>[] = [];

  const start = async (): Promise<WorkflowHandle> => {
    const input: OpenCaseInput = { caseId: randomUUID(), channel: 'RAZIA', regionCode: '3514', person: { name: 'T', sex: 'L', approximateAge: 40 }, openedBy: actor, protocol };
    return temporal.client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(input.caseId), taskQueue, args: [input] });
  };
  let n = 0;
  const command = (h: WorkflowHandle, c: CaseCommand) => {
    const requestId = `r-${++n}`;
    return h.executeUpdate(caseCommandUpdates[c.action], { args: [{ requestId, actor, command: c }], updateId: requestId });
  };
  const inbox = (caseId: string) =>
    dataSource.query<{ id: string; type: string; agency_code: string; task_key: string; status: string }[]>('SELECT id, type, agency_code, task_key, status FROM agency_task WHERE case_id = $1 ORDER BY recorded_at', [caseId]);
  const caseIdOf = (h: WorkflowHandle) => h.workflowId.replace(/^case-/, '');
  const run = (w: Worker) => running.push(w.run());

  beforeAll(async () => {
    stack = await namespaceStack(namespace);
    ({ connection, dataSource } = stack);
    temporal = { client: stack.client };
    caseWorker = await Worker.create({ connection, namespace, dataConverter: stack.dataConverter, taskQueue, workflowBundle: { codePath: testStackValue('workflowBundle') }, activities: createActivities({ dataSource }) });
    run(caseWorker);
  });

  afterAll(async () => {
    caseWorker?.shutdown();
    await Promise.all(running);
    await stack?.close();
  });

  it('records a task exactly once even when the worker dies after writing it, before reporting', async () => {
    const real = createAgencyActivities({ dataSource });
    let attempts = 0;
    const dinkes = await Worker.create({
      connection,
      namespace,
      dataConverter: stack.dataConverter,
      taskQueue: agencyTaskQueue('3514', 'DINKES'),
      activities: {
        dispatchAgencyTask: async (order: AgencyTaskOrder) => {
          attempts += 1;
          const receipt = await real.dispatchAgencyTask(order); // the inbox row is written…
          if (attempts === 1) throw new Error('worker killed before completing the activity'); // …and the report is lost
          return receipt;
        },
      },
    });
    await dinkes.runUntil(async () => {
      const h = await start();
      expect(await command(h, { action: 'startHealthCheck' })).toMatchObject({ stage: 'HEALTH_CHECK', responsibleAgency: 'DINKES' });
      await eventually(() => Promise.resolve(attempts), (a) => a >= 2);
      const rows = await eventually(() => inbox(caseIdOf(h)), (r) => r.length > 0);
      expect(rows.map((r) => [r.type, r.agency_code])).toEqual([['HEALTH_CHECK', 'DINKES']]);
    });
    expect(attempts).toBe(2);
  });

  it('keeps DINSOS work flowing while the DINKES worker is down; DINKES tasks wait and run when it is back', async () => {
    const others = await createAgencyWorkers(connection, namespace, ['DINSOS', 'FORUM_CSR', 'PUSKESOS', 'DP3AP2KB'].map((agencyCode) => ({ agencyCode, regionCode: '3514' })), { dataSource }, stack.dataConverter);
    others.forEach(run);
    try {
      const waiting = await start();
      await command(waiting, { action: 'startHealthCheck' }); // → a DINKES task, nobody serving agency-dinkes
      const flowing = await start();
      await command(flowing, { action: 'startHealthCheck' });
      await command(flowing, { action: 'recordHealthCheck', result: 'FIT' }); // → a DINSOS assessment task
      const dinsos = await eventually(() => inbox(caseIdOf(flowing)), (r) => r.some((t) => t.agency_code === 'DINSOS'));
      expect(dinsos.filter((t) => t.agency_code === 'DINSOS').map((t) => t.type)).toEqual(['ASSESSMENT']);
      expect(await inbox(caseIdOf(waiting))).toEqual([]);
      // What GET /agencies/DINKES/queue reports from Temporal: the task waits for a worker.
      const dinkesQueue = () =>
        temporal.client.connection.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: agencyTaskQueue('3514', 'DINKES'), kind: temporal_.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
          taskQueueType: temporal_.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
          reportStats: true,
        });
      // Both cases' health checks wait for DINKES (the flowing case started one before its FIT result).
      const backedUp = await eventually(dinkesQueue, (q) => Number(q.stats?.approximateBacklogCount ?? 0) >= 2);
      expect(Number(backedUp.stats?.approximateBacklogCount)).toBe(2);

      const dinkes = (await createAgencyWorkers(connection, namespace, [{ agencyCode: 'DINKES', regionCode: '3514' }], { dataSource }, stack.dataConverter))[0] as Worker;
      await dinkes.runUntil(async () => {
        const rows = await eventually(() => inbox(caseIdOf(waiting)), (r) => r.length > 0);
        expect(rows.map((t) => [t.type, t.agency_code])).toEqual([['HEALTH_CHECK', 'DINKES']]);
        // The flowing case's health check arrives late: the case moved past it, so it is closed there.
        const both = await eventually(() => inbox(caseIdOf(flowing)), (r) => r.length >= 2);
        expect(both.map((t) => [t.type, t.status]).sort()).toEqual([['ASSESSMENT', 'OPEN'], ['HEALTH_CHECK', 'CANCELLED']]);
      });
    } finally {
      others.forEach((w) => w.shutdown());
    }
  });
});
