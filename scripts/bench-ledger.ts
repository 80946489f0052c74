import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { DataSource } from 'typeorm';
import { createCaseProjectionActivities } from '../activities/case-projection.activities';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions, runMigrations } from '../src/database/data-source';
import type { CaseSnapshot } from '../workflows/contracts/case';
import type { LedgerEntry } from '../workflows/contracts/ledger';
import { SYSTEM_ACTOR } from '../workflows/contracts/ledger';
import { measure, ratio, summarise } from './bench-stats';

/**
 * `npm run bench:ledger`: what the audit ledger costs the projection activity. In one run, against
 * one PostgreSQL, rounds alternate between projecting a case change without ledger entries and with
 * the three a typical command brings (the command, the stage change, the task ordered). Prints JSON.
 */
const N = Number(process.argv[2] ?? 500);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const ROUNDS = Number(process.argv[4] ?? 3);

const snapshot = (caseId: string, version: number): CaseSnapshot => ({
  caseId,
  stage: 'HEALTH_CHECK',
  channel: 'RAZIA',
  regionCode: '3514',
  person: { name: 'Bench Person', sex: 'P', approximateAge: 30 },
  openedBy: null,
  originRegionCode: null,
  protocol: { id: '3514', version: 1 },
  ppksCategories: [],
  warnings: [],
  closure: null,
  responsibleAgency: 'DINKES',
  deadlineAt: null,
  overdue: false,
  escalations: [],
  lastAction: null,
  stageEnteredAt: '2026-11-22T00:00:00.000Z',
  openedAt: '2026-11-22T00:00:00.000Z',
  updatedAt: '2026-11-22T00:00:00.000Z',
  version,
});

const entries = (s: CaseSnapshot, round: number): LedgerEntry[] =>
  ['startHealthCheck', 'stageChanged', 'taskOrdered'].map((action, i) => ({
    key: `w${round * 10 + i}`,
    action,
    outcome: i === 0 ? 'ACCEPTED' : 'RECORDED',
    actor: SYSTEM_ACTOR,
    agencyCode: 'DINKES',
    taskKey: null,
    reason: null,
    summary: action,
    payload: { action },
    snapshot: i === 2 ? s : null,
    regionCode: s.regionCode,
    protocol: s.protocol,
    occurredAt: s.updatedAt,
    origin: { workflowId: `case-${s.caseId}`, runId: 'bench', eventId: 10 + i },
  }));

async function main(): Promise<void> {
  const env = loadConfig();
  const url = env.database.url ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `sinergi_bench_${Date.now().toString(36)}`;
  await runMigrations({ url, schema, poolSize: 1 });
  const dataSource = await new DataSource(dataSourceOptions({ url, schema, poolSize: CONCURRENCY, role: env.database.role })).initialize();
  try {
    const { projectCase } = createCaseProjectionActivities({ dataSource });
    const cases = Array.from({ length: N }, () => randomUUID());
    for (const id of cases) await projectCase(snapshot(id, 1));
    const runs = { readModelOnly: [] as Awaited<ReturnType<typeof measure>>[], withLedger: [] as Awaited<ReturnType<typeof measure>>[] };
    let version = 1;
    for (let round = 0; round < ROUNDS; round++) {
      version += 1;
      const plain = version;
      runs.readModelOnly.push(await measure(N, CONCURRENCY, (i) => projectCase(snapshot(cases[i] as string, plain), [])));
      version += 1;
      const chained = version;
      runs.withLedger.push(await measure(N, CONCURRENCY, (i) => projectCase(snapshot(cases[i] as string, chained), entries(snapshot(cases[i] as string, chained), round))));
    }
    const readModelOnly = summarise(runs.readModelOnly);
    const withLedger = summarise(runs.withLedger);
    const report = {
      benchmark: 'ledger-append',
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      database: env.database.url ? 'DATABASE_URL' : 'local PostgreSQL (test)',
      role: env.database.role ?? 'login user',
      changesPerRound: N,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      readModelOnly,
      withLedger,
      ratios: { withLedgerToReadModelOnlyRate: ratio(withLedger.medianPerSecond, readModelOnly.medianPerSecond) },
      notes:
        'readModelOnly = projectCase with no ledger entries (one transaction: the case_view upsert); ' +
        'withLedger = the same plus three chained entries (head upsert-and-lock, key check, one three-row insert, head update), as a typical command writes.',
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
