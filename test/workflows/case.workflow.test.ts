import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { AppConfig } from '../../src/config/app-config';
import { temporalDataConverter } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source';
import { confirmOpenedUpdate, getCaseQuery } from '../../workflows/case/case.messages';
import type { OpenCaseInput } from '../../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/contracts/case';
import { CaseOverdueKey, CaseStageKey, RegionCodeKey } from '../../workflows/contracts/search-attributes';
import { ProtocolRegistry } from '../../src/protocols/protocol-registry';
import { eventually } from '../helpers/eventually';
import { installQuietRuntime } from '../helpers/quiet-runtime';
import { testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';
import { testStackValue } from '../helpers/test-stack';

describe('caseWorkflow on a real Temporal server', () => {
  let config: AppConfig;
  let dataSource: DataSource;
  let temporal: { client: Client; close: () => Promise<void> };
  let connection: NativeConnection;

  const input = (): OpenCaseInput => ({
    caseId: randomUUID(),
    channel: 'RAZIA',
    regionCode: '3514',
    person: { name: 'Anak X', sex: 'L', approximateAge: 12 },
  });
  const start = (i: OpenCaseInput) =>
    temporal.client.workflow.start(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(i.caseId),
      taskQueue: config.temporal.taskQueue,
      args: [i],
      typedSearchAttributes: [
        { key: CaseStageKey, value: 'INTAKE' },
        { key: RegionCodeKey, value: i.regionCode },
      ],
    });
  const worker = (activities: ReturnType<typeof createActivities>) =>
    Worker.create({
      connection,
      dataConverter: temporalDataConverter(config),
      taskQueue: config.temporal.taskQueue,
      workflowBundle: { codePath: testStackValue('workflowBundle') },
      activities,
    });

  beforeAll(async () => {
    installQuietRuntime();
    config = testConfig();
    const { database } = config;
    dataSource = new DataSource(dataSourceOptions({ url: database.url as string, schema: database.schema, poolSize: 2 }));
    await dataSource.initialize();
    temporal = await testTemporalClient(config);
    connection = await NativeConnection.connect({ address: config.temporal.address });
  });

  afterAll(async () => {
    await connection.close();
    await temporal.close();
    await dataSource.destroy();
  });

  it('opens in INTAKE, projects the case, and is findable by its search attributes', async () => {
    const i = input();
    const w = await worker(createActivities({ dataSource }));
    await w.runUntil(async () => {
      const handle = await start(i);
      const confirmed = await handle.executeUpdate(confirmOpenedUpdate, { updateId: 'confirm-opened' });
      expect(confirmed).toMatchObject({ caseId: i.caseId, stage: 'INTAKE', version: 1, regionCode: '3514' });
      expect(await handle.query(getCaseQuery)).toEqual(confirmed);

      const [row] = await dataSource.query('SELECT stage, version FROM case_view WHERE id = $1', [i.caseId]);
      expect(row).toEqual({ stage: 'INTAKE', version: 1 });

      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(CaseStageKey)).toBe('INTAKE');
      expect(description.typedSearchAttributes.get(RegionCodeKey)).toBe('3514');
      expect(description.status.name).toBe('RUNNING');
    });
  });

  it('keeps retrying the projection until the database accepts it (nothing accepted is lost)', async () => {
    const i = input();
    const real = createActivities({ dataSource });
    let attempts = 0;
    const flaky = {
      ...real,
      projectChange: async (...args: Parameters<typeof real.projectChange>) => {
        attempts += 1;
        if (attempts === 1) throw new Error('connection refused (simulated outage)');
        return real.projectChange(...args);
      },
    };
    const w = await worker(flaky);
    await w.runUntil(async () => {
      const handle = await start(i);
      await handle.executeUpdate(confirmOpenedUpdate, { updateId: 'confirm-opened' });
    });
    expect(attempts).toBe(2);
    const rows = await dataSource.query('SELECT id FROM case_view WHERE id = $1', [i.caseId]);
    expect(rows).toHaveLength(1);
  });

  it('marks an overdue case in Temporal visibility (CaseOverdue) for operators', async () => {
    const base = ProtocolRegistry.fromDirectory(`${__dirname}/../../protocols`).forRegion('3514');
    const oneSecond = { ...base, deadlines: { ...base.deadlines, intake: 'PT1S' } };
    const i = { ...input(), protocol: oneSecond };
    const w = await worker(createActivities({ dataSource }));
    await w.runUntil(async () => {
      const handle = await start(i);
      await handle.executeUpdate(confirmOpenedUpdate, { updateId: 'confirm-opened' });
      const query = `WorkflowId = '${caseWorkflowId(i.caseId)}' AND CaseOverdue = true AND CaseStage = 'INTAKE'`;
      // The durable timer fires after a second; visibility is eventually consistent.
      const count = await eventually(async () => (await temporal.client.workflow.count(query)).count, (n) => n > 0);
      expect(count).toBe(1);
      expect((await handle.describe()).typedSearchAttributes.get(CaseOverdueKey)).toBe(true);
      const overdueRow = async () => (await dataSource.query<{ overdue: boolean }[]>('SELECT overdue FROM case_view WHERE id = $1', [i.caseId]))[0];
      expect((await eventually(overdueRow, (row) => row?.overdue === true))?.overdue).toBe(true);
    });
  });
});
