import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '../src/config/app-config';
import { previousMonth } from '../src/reports/report-period';
import { printTable, writeReport } from './load/report';
import { environment, gib, login, startApi, timeRequests, WARM_UP } from './scale/http-timing';
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
const TARGET_P95_MS = 200;
const PASSWORD = 'bench-password-1';
const SECTIONS = ['intake', 'caseload', 'timeliness', 'reintegration', 'repeats', 'regions'] as const;

interface Timing {
  route: string;
  who: string;
  period: string;
  p50: number;
  p95: number;
  max: number;
  status: number;
}

async function time(base: string, token: string, path: string, who: string, period: string, requests: number): Promise<Timing> {
  const { p50, p95, max } = await timeRequests(base, token, { method: 'GET', path }, requests);
  return { route: path.split('?')[0]!, who, period, p50, p95, max, status: 200 };
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
  let api: INestApplication | undefined;
  try {
    const started = await startApi(url, seed.schema);
    api = started.api;
    const base = started.base;
    const regency = await login(base, 'supervisor', PASSWORD);
    const province = await login(base, 'supervisor-jatim', PASSWORD);
    const month = previousMonth('3514');
    const year = { from: monthsBack(month, 11), to: month.to };
    const q = (p: { from: string; to: string }, region: string) => `region=${region}&from=${p.from}&to=${p.to}`;
    const timings: Timing[] = [];
    const run = async (token: string, path: string, who: string, period: string) => {
      const t = await time(base, token, path, who, period, REQUESTS);
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

    const { commit, machine, postgres } = await environment(url);
    const missed = timings.filter((t) => t.p95 > TARGET_P95_MS);
    const report = {
      commit,
      machine,
      postgres,
      seed: { schema: seed.schema, reused: seed.reused, seededAt: seed.seededAt, totalSeconds: seed.totalSeconds, steps: seed.steps, rows: seed.rows, schemaBytes: seed.schemaBytes, databaseBytes: seed.databaseBytes },
      requestsPerRoute: REQUESTS,
      warmUp: WARM_UP,
      targetP95Ms: TARGET_P95_MS,
      timings,
      missedTarget: missed.map((t) => `${t.route} ${t.who} ${t.period}`),
    };
    printTable(`bench:reports (${seed.rows.report_case} cases, ${seed.rows.case_event} ledger entries, ${REQUESTS} requests each; p50 / p95 / max ms)`, [
      ...timings.map((t): [string, string] => [`${t.route} ${t.who} ${t.period}`, `${t.p50} / ${t.p95} / ${t.max}${t.p95 > TARGET_P95_MS ? '  (p95 over target)' : ''}`]),
      ['seed', seed.reused ? `reused (seeded ${seed.seededAt} in ${seed.totalSeconds} s)` : `${seed.totalSeconds} s`],
      ['schema size / database size', `${gib(seed.schemaBytes)} / ${gib(seed.databaseBytes)}`],
      ['PostgreSQL', postgres.version],
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
