import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createApiApp } from '../src/api/create-api-app';
import { loadConfig, projectRoot } from '../src/config/app-config';
import { runMigrations } from '../src/database/data-source';
import { prepareTemporal } from '../src/launcher/services';
import { ensureTemporalBinaries } from '../src/launcher/temporal-cli';
import { startTemporalDevServer } from '../src/launcher/temporal-dev-server';
import { RAZIA_OPEN_CONCURRENCY } from '../src/razia/razia-cases';
import { seedDemoRegion } from '../src/users/demo-seed';
import { createWorkerApp } from '../src/worker/create-worker-app';

/**
 * `node dist/scripts/bench-razia.js [people] [rounds]` (after `npm run build`): records ROUNDS razia of
 * PEOPLE people each, one after the other, through the HTTP API, on its own Temporal dev server and
 * database schema, and prints JSON with the time each took to answer (all cases open and readable) and
 * the median. Asserts nothing.
 */
const PEOPLE = Number(process.argv[2] ?? 50);
const ROUNDS = Number(process.argv[3] ?? 3);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const razia = () => ({
  occurredAt: new Date().toISOString(),
  place: 'Bench place',
  regionCode: '35.14',
  team: 'Bench team',
  people: Array.from({ length: PEOPLE }, (_, i) => ({ name: `Bench Person ${i}`, sex: i % 2 ? 'P' : 'L', approximateAge: 20 + (i % 50) })),
});

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const env = loadConfig();
  const binaries = ensureTemporalBinaries({ cliOverride: env.temporal.cli, toolsDir: join(projectRoot(), '.tools') });
  const server = await startTemporalDevServer({ cli: binaries.cli, namespace: 'default', port: 0 });
  const url = env.database.url ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `sinergi_bench_razia_${Date.now().toString(36)}`;
  let api: INestApplication | undefined;
  let worker: INestApplicationContext | undefined;
  try {
    await prepareTemporal(server.address, 'default', 7);
    await runMigrations({ url, schema, poolSize: 1 });
    const password = 'bench-password-1';
    await seedDemoRegion({ url, schema, poolSize: 1 }, password);
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_WORKFLOW_BUNDLE: join(projectRoot(), 'dist', 'workflow-bundle.js'),
      DATABASE_URL: url,
      DATABASE_SCHEMA: schema,
      PORT: '0',
    });
    worker = await createWorkerApp(config);
    api = await createApiApp(config);
    await api.listen(0, '127.0.0.1');
    const base = await api.getUrl();
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'caseworker', password }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const record = async (): Promise<number> => {
      const started = performance.now();
      const res = await fetch(`${base}/razia`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': randomUUID() },
        body: JSON.stringify(razia()),
      });
      const body = (await res.json()) as { opened?: number };
      if (res.status !== 201 || body.opened !== PEOPLE) throw new Error(`POST /razia answered ${res.status}, opened ${body.opened}`);
      return Math.round(performance.now() - started);
    };
    await record(); // warm-up: JIT, pools, workflow cache
    const millis: number[] = [];
    for (let round = 0; round < ROUNDS; round++) millis.push(await record());
    const report = {
      benchmark: 'razia',
      when: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, loadAverage: (await import('node:os')).loadavg().map((l) => Math.round(l * 10) / 10), node: process.version },
      peoplePerRazia: PEOPLE,
      rounds: ROUNDS,
      openConcurrency: RAZIA_OPEN_CONCURRENCY,
      answerMs: millis,
      medianAnswerMs: median(millis),
      notes: 'POST /razia until its answer: every case started in Temporal and readable in PostgreSQL.',
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await api?.close();
    await worker?.close();
    await server.stop();
    const pg = new PgClient({ connectionString: url });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
