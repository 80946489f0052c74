import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { createActivities } from '../activities';
import { temporalDataConverter } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source';
import { workflowSource } from '../src/worker/temporal-workers.service';
import { confirmOpenedUpdate } from '../workflows/case/case.messages';
import type { OpenCaseInput } from '../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../workflows/contracts/case';
import { CaseStageKey, RegionCodeKey } from '../workflows/contracts/search-attributes';
import { startBenchStack } from './bench-stack';
import { measure, ratio, summarise } from './bench-stats';

/**
 * `npm run bench`: in one run against one Temporal dev server, opens N cases through the HTTP API and
 * starts N case workflows through the bare SDK client (plain start, and update-with-start that waits
 * for the projection like the API does), at the same concurrency. The last kind repeats update-with-start
 * on a queue of its own whose worker and client have no payload codec: its ratio to the encrypted one is
 * the codec's cost (docs/security.md). Prints JSON; asserts nothing.
 */
const PLAIN_QUEUE = 'bench-no-codec';
const N = Number(process.argv[2] ?? 200);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const ROUNDS = Number(process.argv[4] ?? 3);

const input = (): OpenCaseInput => ({
  caseId: randomUUID(),
  channel: 'RAZIA',
  regionCode: '3514',
  person: { name: 'Bench Person', sex: 'P', approximateAge: 30 },
});

async function main(): Promise<void> {
  const stack = await startBenchStack('bench');
  const { config, base, accessToken, url, schema } = stack;
  let connection: Connection | undefined;
  let plain: { worker: Worker; running: Promise<void>; connection: NativeConnection; dataSource: DataSource } | undefined;
  try {
    connection = await Connection.connect({ address: stack.temporalAddress });
    const client = new Client({ connection, dataConverter: temporalDataConverter(config) });
    // The same case worker without the codec, on its own queue, for the side-by-side codec figure.
    const plainClient = new Client({ connection });
    const plainConnection = await NativeConnection.connect({ address: stack.temporalAddress });
    const dataSource = await new DataSource(dataSourceOptions({ url, schema, poolSize: config.database.poolSize })).initialize();
    const plainWorker = await Worker.create({
      connection: plainConnection,
      namespace: config.temporal.namespace,
      taskQueue: PLAIN_QUEUE,
      activities: createActivities({ dataSource }),
      ...workflowSource(config),
      maxConcurrentActivityTaskExecutions: config.database.poolSize,
      maxConcurrentWorkflowTaskExecutions: 20,
    });
    plain = { worker: plainWorker, running: plainWorker.run(), connection: plainConnection, dataSource };
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
    const postCase = async (): Promise<void> => {
      const res = await fetch(`${base}/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ channel: 'RAZIA', regionCode: '35.14', person: { name: 'Bench Person', sex: 'P', approximateAge: 30 } }),
      });
      if (res.status !== 201) throw new Error(`POST /cases answered ${res.status}`);
      await res.arrayBuffer();
    };

    const pg = new PgClient({ connectionString: url, options: `-c search_path=${schema}` });
    await pg.connect();
    let opened = 0;
    // Between phases, wait until the worker has projected every case so far: no phase pays for another's backlog.
    const settle = async () => {
      const deadline = Date.now() + 120_000;
      while (Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM case_view')).rows[0]?.n) < opened && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const kinds = {
      api: postCase,
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
    await measure(Math.min(20, N), CONCURRENCY, postCase); // warm-up: JIT, pools, workflow cache
    opened += Math.min(20, N);
    await settle();
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
        runs[kind].push(await measure(N, CONCURRENCY, kinds[kind]));
        opened += N;
        await settle();
      }
    }
    await pg.end();
    const viaApi = summarise(runs.api);
    const sdkStart = summarise(runs.sdkStart);
    const sdkUpdateWithStart = summarise(runs.sdkUpdateWithStart);
    const sdkUpdateWithStartNoCodec = summarise(runs.sdkUpdateWithStartNoCodec);
    const report = {
      benchmark: 'open-case',
      when: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      temporal: stack.temporalSource,
      database: stack.database,
      casesPerRound: N,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      api: viaApi,
      sdkStart,
      sdkUpdateWithStart,
      sdkUpdateWithStartNoCodec,
      ratios: {
        codecRate: ratio(sdkUpdateWithStart.medianPerSecond, sdkUpdateWithStartNoCodec.medianPerSecond),
        codecLatencyP50: ratio(sdkUpdateWithStart.latencyMs.p50, sdkUpdateWithStartNoCodec.latencyMs.p50),
        apiToSdkStartRate: ratio(viaApi.medianPerSecond, sdkStart.medianPerSecond),
        apiToSdkUpdateWithStartRate: ratio(viaApi.medianPerSecond, sdkUpdateWithStart.medianPerSecond),
      },
      notes:
        'api = POST /cases (HTTP + validation + update-with-start that returns once the case is in PostgreSQL); ' +
        'sdkStart = bare client.workflow.start (returns when Temporal persisted the start, before any projection); ' +
        'sdkUpdateWithStart = the same Temporal work as the API without HTTP/Nest; ' +
        'sdkUpdateWithStartNoCodec = the same without the payload codec (its own worker and client), so codecRate = encrypted / plain cases per second.',
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    plain?.worker.shutdown();
    await plain?.running;
    await plain?.connection.close();
    await plain?.dataSource.destroy();
    await connection?.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
