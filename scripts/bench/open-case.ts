import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { dataSourceOptions } from '../../src/database/data-source';
import { workflowSource } from '../../src/worker/temporal-workers.service';
import { confirmOpenedUpdate } from '../../workflows/case/case.messages';
import type { OpenCaseInput } from '../../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/contracts/case';
import { CaseStageKey, RegionCodeKey } from '../../workflows/contracts/search-attributes';
import { measure, ratio, summarise } from '../bench-stats';
import { openCase } from './case-paths';
import type { BenchContext } from './context';

/**
 * Opening a case, four ways at the same concurrency, in rounds: through the HTTP API; a bare SDK start
 * (returns once Temporal persisted it, before any projection); the SDK's update-with-start that waits
 * for the projection like the API does; and that again on a queue of its own whose worker and client
 * have no payload codec (the codec's cost, docs/security.md).
 */
const PLAIN_QUEUE = 'bench-no-codec';

const input = (): OpenCaseInput => ({
  caseId: randomUUID(),
  channel: 'RAZIA',
  regionCode: '3514',
  person: { name: 'Bench Person', sex: 'P', approximateAge: 30 },
});

export async function openCaseComparison(ctx: BenchContext, n: number, concurrency: number, rounds: number) {
  const { stack, client, plainClient } = ctx;
  const { config, url, schema } = stack;
  const plainConnection = await NativeConnection.connect({ address: stack.temporalAddress });
  const dataSource = await new DataSource(dataSourceOptions({ url, schema, poolSize: config.database.poolSize })).initialize();
  const plainWorker = await Worker.create({
    connection: plainConnection,
    namespace: config.temporal.namespace,
    taskQueue: PLAIN_QUEUE,
    activities: createActivities({ dataSource }),
    ...workflowSource(config),
    maxConcurrentActivityTaskExecutions: config.database.poolSize,
    maxConcurrentLocalActivityExecutions: config.database.poolSize,
    maxConcurrentWorkflowTaskExecutions: 20,
  });
  const running = plainWorker.run();
  const pg = new PgClient({ connectionString: url, options: `-c search_path=${schema}` });
  await pg.connect();
  try {
    const { taskQueue } = config.temporal;
    const options = (i: OpenCaseInput, queue = taskQueue) => ({
      workflowId: caseWorkflowId(i.caseId),
      taskQueue: queue,
      args: [i] as [OpenCaseInput],
      typedSearchAttributes: [
        { key: CaseStageKey, value: 'INTAKE' },
        { key: RegionCodeKey, value: i.regionCode },
      ],
    });
    const viewed = async (): Promise<number> => Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM case_view')).rows[0]?.n);
    let expected = await viewed();
    // Between phases, wait until the worker has projected every case so far: no phase pays for another's backlog.
    const settle = async (): Promise<void> => {
      const deadline = Date.now() + 120_000;
      while ((await viewed()) < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    };
    const kinds = {
      api: async () => void (await openCase(ctx.http)),
      sdkStart: async () => void (await client.workflow.start(CASE_WORKFLOW_TYPE, options(input()))),
      sdkUpdateWithStart: async () => {
        const op = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, { ...options(input()), workflowIdConflictPolicy: 'USE_EXISTING' });
        await client.workflow.executeUpdateWithStart(confirmOpenedUpdate, { updateId: 'confirm-opened', startWorkflowOperation: op });
      },
      sdkUpdateWithStartNoCodec: async () => {
        const op = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, { ...options(input(), PLAIN_QUEUE), workflowIdConflictPolicy: 'USE_EXISTING' });
        await plainClient.workflow.executeUpdateWithStart(confirmOpenedUpdate, { updateId: 'confirm-opened', startWorkflowOperation: op });
      },
    };
    const runs: Record<keyof typeof kinds, { perSecond: number; latencies: number[] }[]> = { api: [], sdkStart: [], sdkUpdateWithStart: [], sdkUpdateWithStartNoCodec: [] };
    await measure(Math.min(20, n), concurrency, kinds.api); // warm-up: JIT, pools, workflow cache
    expected += Math.min(20, n);
    await settle();
    for (let round = 0; round < rounds; round++) {
      for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
        runs[kind].push(await measure(n, concurrency, kinds[kind]));
        expected += n;
        await settle();
      }
    }
    const api = summarise(runs.api);
    const sdkStart = summarise(runs.sdkStart);
    const sdkUpdateWithStart = summarise(runs.sdkUpdateWithStart);
    const sdkUpdateWithStartNoCodec = summarise(runs.sdkUpdateWithStartNoCodec);
    return {
      casesPerRound: n,
      rounds,
      concurrency,
      api,
      sdkStart,
      sdkUpdateWithStart,
      sdkUpdateWithStartNoCodec,
      ratios: {
        apiToSdkUpdateWithStartRate: ratio(api.medianPerSecond, sdkUpdateWithStart.medianPerSecond),
        apiToSdkStartRate: ratio(api.medianPerSecond, sdkStart.medianPerSecond),
        codecRate: ratio(sdkUpdateWithStart.medianPerSecond, sdkUpdateWithStartNoCodec.medianPerSecond),
        codecLatencyP50: ratio(sdkUpdateWithStart.latencyMs.p50, sdkUpdateWithStartNoCodec.latencyMs.p50),
      },
    };
  } finally {
    await pg.end();
    plainWorker.shutdown();
    await running;
    await plainConnection.close();
    await dataSource.destroy();
  }
}
