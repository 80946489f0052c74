import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { createApiApp } from '../src/api/create-api-app';
import { loadConfig, projectRoot } from '../src/config/app-config';
import { previousMonth } from '../src/reports/report-period';
import { printTable, writeReport } from './load/report';
import { seedScale } from './scale/seed';

/**
 * `npm run bench:reports [cases] [events] [requests]` (issue 14, docs/performance.md): seeds (or reuses)
 * the scale schema `bench_scale` (scripts/scale/seed.ts: 1,000,000 cases and 20,000,000 ledger entries by
 * default), starts the API in this process against it (no Temporal: the report routes never reach it, and
 * the API's Temporal connection is lazy), signs in as the demo supervisor of Kabupaten Pasuruan (3514)
 * and the province's supervisor (35), warms each route up, then times `requests` sequential HTTP
 * requests per route: p50, p95 and max. Prints a table and writes reports/bench-reports.json.
 */
const CASES = Number(process.argv[2] ?? 1_000_000);
const EVENTS = Number(process.argv[3] ?? 20_000_000);
const REQUESTS = Number(process.argv[4] ?? 50);
const WARM_UP = 3;
const TARGET_P95_MS = 200;
const PASSWORD = 'bench-password-1';
const SECTIONS = ['intake', 'caseload', 'timeliness', 'reintegration', 'repeats', 'regions'] as const;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round1 = (x: number): number => Math.round(x * 10) / 10;

interface Timing {
  route: string;
  who: string;
  period: string;
  p50: number;
  p95: number;
  max: number;
  status: number;
}

async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (r.status !== 200 && r.status !== 201) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

async function time(base: string, token: string, path: string, who: string, period: string): Promise<Timing> {
  const get = async (): Promise<number> => {
    const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
    return r.status;
  };
  for (let i = 0; i < WARM_UP; i++) await get();
  const ms: number[] = [];
  let status = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    status = await get();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { route: path.split('?')[0]!, who, period, p50: round1(percentile(ms, 50)), p95: round1(percentile(ms, 95)), max: round1(ms[ms.length - 1]!), status };
}

function monthsBack(month: { from: string }, n: number): string {
  const d = new Date(`${month.from}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  const env = loadConfig();
  const url = env.database.url ?? 'postgres://postgres@127.0.0.1:5432/test';
  const seed = await seedScale({ url, cases: CASES, events: EVENTS, password: PASSWORD });
  const config = loadConfig({ LOG_LEVEL: 'silent', TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_WORKFLOW_BUNDLE: join(projectRoot(), 'dist', 'workflow-bundle.js'), DATABASE_URL: url, DATABASE_SCHEMA: seed.schema, PORT: '0' });
  let api: INestApplication | undefined;
  try {
    api = await createApiApp(config);
    await api.listen(0, '127.0.0.1');
    const base = await api.getUrl();
    const regency = await login(base, 'supervisor');
    const province = await login(base, 'supervisor-jatim');
    const month = previousMonth('3514');
    const year = { from: monthsBack(month, 11), to: month.to };
    const q = (p: { from: string; to: string }, region: string) => `region=${region}&from=${p.from}&to=${p.to}`;
    const timings: Timing[] = [];
    const run = async (token: string, path: string, who: string, period: string) => {
      const t = await time(base, token, path, who, period);
      process.stdout.write(`  ${t.route} ${who} ${period}: p50 ${t.p50} ms, p95 ${t.p95} ms, max ${t.max} ms\n`);
      timings.push(t);
    };
    const monthLabel = `${month.from}..${month.to}`;
    const yearLabel = `${year.from}..${year.to}`;
    for (const s of SECTIONS) await run(regency, `/reports/${s}?${q(month, '3514')}`, '3514', monthLabel);
    for (const s of SECTIONS) await run(province, `/reports/${s}?${q(month, '35')}`, '35', monthLabel);
    for (const s of SECTIONS) await run(regency, `/reports/${s}?${q(year, '3514')}`, '3514', yearLabel);
    await run(regency, `/reports/cases?figure=opened.byChannel&key=RAZIA&${q(month, '3514')}`, '3514', monthLabel);
    await run(province, `/reports/cases?figure=opened.byChannel&key=RAZIA&${q(month, '35')}`, '35', monthLabel);
    await run(province, `/reports/cases?figure=caseload.byStage&key=SHELTER&${q(month, '35')}`, '35', 'open now');

    const pg = new Client({ connectionString: url });
    await pg.connect();
    const version = (await pg.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
    const settings = (await pg.query<{ name: string; setting: string; unit: string | null }>(`SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'max_parallel_workers_per_gather')`)).rows;
    await pg.end();
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot() }).toString().trim();
    const missed = timings.filter((t) => t.p95 > TARGET_P95_MS);
    const report = {
      commit,
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: round1(totalmem() / 2 ** 30) },
      postgres: { version, settings },
      seed: { schema: seed.schema, reused: seed.reused, seededAt: seed.seededAt, totalSeconds: seed.totalSeconds, steps: seed.steps, rows: seed.rows, schemaBytes: seed.schemaBytes, databaseBytes: seed.databaseBytes },
      requestsPerRoute: REQUESTS,
      warmUp: WARM_UP,
      targetP95Ms: TARGET_P95_MS,
      timings,
      missedTarget: missed.map((t) => `${t.route} ${t.who} ${t.period}`),
    };
    const gib = (b: number) => `${round1(b / 2 ** 30)} GiB`;
    printTable(`bench:reports (${seed.rows.report_case} cases, ${seed.rows.case_event} ledger entries, ${REQUESTS} requests each; p50 / p95 / max ms)`, [
      ...timings.map((t): [string, string] => [`${t.route} ${t.who} ${t.period}`, `${t.p50} / ${t.p95} / ${t.max}${t.p95 > TARGET_P95_MS ? '  (p95 over target)' : ''}`]),
      ['seed', seed.reused ? `reused (seeded ${seed.seededAt} in ${seed.totalSeconds} s)` : `${seed.totalSeconds} s`],
      ['schema size / database size', `${gib(seed.schemaBytes)} / ${gib(seed.databaseBytes)}`],
      ['PostgreSQL', version],
      ['commit', commit],
    ]);
    process.stdout.write(`report: ${writeReport('bench-reports', report)}\n`);
  } finally {
    await api?.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:reports failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
