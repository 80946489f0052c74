import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { loadConfig } from '../src/config/app-config';
import { printTable, writeReport } from './load/report';
import type { HttpRequest } from './scale/http-timing';
import { environment, gib, login, startApi, timeRequests, WARM_UP } from './scale/http-timing';
import { seedScale } from './scale/seed';

/**
 * `npm run bench:scale [cases] [events] [requests]` (issue 15, docs/performance.md): seeds (or reuses)
 * the scale schema `bench_scale` shared with bench:reports (scripts/scale/seed.ts: 1,000,000 cases and
 * 20,000,000 ledger entries by default), starts the API in this process against it (no Temporal), signs
 * in as the demo supervisor and auditor of Kabupaten Pasuruan (3514), warms each route up, then times
 * `requests` sequential HTTP requests per route: the case list with each of its filters and a deep
 * page, the name search, one case's history and timeline (the case of 3514 with the most ledger
 * entries), the audit event search with each of its filters, and the access log. p50, p95 and max;
 * a non-200 answer stops the bench. Prints a table and writes reports/bench-scale.json.
 */
const CASES = Number(process.argv[2] ?? 1_000_000);
const EVENTS = Number(process.argv[3] ?? 20_000_000);
const REQUESTS = Number(process.argv[4] ?? 50);
const TARGET_P95_MS = 50;
const PASSWORD = 'bench-password-1';
const REGION = '3514';
const PAGE = 20;
/**
 * The seed's case ids are md5 hashes shaped as UUIDs; only some carry a valid version and variant, and
 * the audit filter `caseId` (@IsUUID) refuses the others, so the timed case is one of those.
 */
const RFC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Who = 'supervisor' | 'auditor';

/** What the routes ask for, read from the seed. */
interface SeedFacts {
  /** Cases of the region (the list's total without a filter). */
  regionCases: number;
  /** The region's case with the most ledger entries (of those with an RFC 4122 id), and how many. */
  caseId: string;
  caseEvents: number;
  /** The case whose successors are the last page of the region's list (keyset paging's `after`). */
  lastPageAfter: string;
  /** A registered person's name of the region (the registry, table person). */
  personName: string;
  /** Rows of case_subject, the table the name search reads (ensureCaseSubjects). */
  caseSubjects: number;
  /** A case worker of the region that acts in the ledger. */
  actorId: string;
  /** The last 30 days of the seeded history. */
  windowFrom: string;
  windowTo: string;
}

interface Route {
  /** Method, path (`:id` for the case) and query. */
  label: string;
  who: Who;
  request: HttpRequest;
}

interface Timing {
  label: string;
  who: Who;
  method: HttpRequest['method'];
  path: string;
  body?: unknown;
  p50: number;
  p95: number;
  max: number;
  /** The answer's `total` (matches), when it has one. */
  total: number | null;
}

async function one<T>(pg: Client, sql: string, params: unknown[] = []): Promise<T> {
  const row = (await pg.query<T & object>(sql, params)).rows[0];
  if (row === undefined) throw new Error(`the seed holds nothing for: ${sql}`);
  return row;
}

async function seedFacts(url: string, schema: string, seededAt: string): Promise<SeedFacts> {
  const pg = new Client({ connectionString: url, options: `-c search_path=${schema},public` });
  await pg.connect();
  try {
    const prefix = `${REGION}%`;
    const { n } = await one<{ n: number }>(pg, `SELECT count(*)::int AS n FROM case_view WHERE region_code LIKE $1`, [prefix]);
    const top = await one<{ id: string; seq: number }>(
      pg,
      `SELECT v.id, h.seq FROM case_view v JOIN case_ledger_head h ON h.case_id = v.id WHERE v.region_code LIKE $1 AND v.id::text ~ $2 ORDER BY h.seq DESC, v.id LIMIT 1`,
      [prefix, RFC_UUID.source],
    );
    const person = await one<{ name: string }>(
      pg,
      `SELECT p.name FROM person p JOIN case_person cp ON cp.person_id = p.id JOIN case_view v ON v.id = cp.case_id WHERE v.region_code LIKE $1 ORDER BY v.opened_at DESC, v.id LIMIT 1`,
      [prefix],
    );
    const lastPage = await one<{ id: string }>(pg, `SELECT id FROM case_view WHERE region_code LIKE $1 ORDER BY opened_at DESC, id OFFSET $2 LIMIT 1`, [prefix, Math.max(0, n - PAGE - 1)]);
    const subjects = await one<{ n: number }>(pg, `SELECT count(*)::int AS n FROM case_subject`);
    const actor = await one<{ actor_id: string }>(pg, `SELECT actor_id FROM case_event WHERE case_id = $1 AND actor_role = 'CASE_WORKER' ORDER BY seq LIMIT 1`, [top.id]);
    const to = new Date(seededAt);
    const from = new Date(to.getTime() - 30 * 86_400_000);
    return { regionCases: n, lastPageAfter: lastPage.id, caseId: top.id, caseEvents: top.seq, personName: person.name, caseSubjects: subjects.n, actorId: actor.actor_id, windowFrom: from.toISOString(), windowTo: to.toISOString() };
  } finally {
    await pg.end();
  }
}

/**
 * The seed registers people (table person) but writes no names as given on each case (case_subject,
 * which the name search reads): this copies each linked person's name onto the case, once per case, so
 * the search has a province of names to look through. Idempotent; the first time about a minute at 1M.
 */
async function ensureCaseSubjects(url: string, schema: string): Promise<number> {
  const pg = new Client({ connectionString: url, options: `-c search_path=${schema},public` });
  await pg.connect();
  try {
    const inserted = await pg.query(
      `INSERT INTO case_subject (case_id, name) SELECT DISTINCT ON (cp.case_id) cp.case_id, p.name FROM case_person cp JOIN person p ON p.id = cp.person_id
       ORDER BY cp.case_id, p.id ON CONFLICT (case_id) DO NOTHING`,
    );
    if ((inserted.rowCount ?? 0) > 0) await pg.query('VACUUM (ANALYZE) case_subject');
    return inserted.rowCount ?? 0;
  } finally {
    await pg.end();
  }
}

const get = (who: Who, path: string, label = `GET ${path}`): Route => ({ label, who, request: { method: 'GET', path } });

/** The case list with no filter, each filter (values the seed holds) and its last page, by offset and by keyset. */
function caseListRoutes(f: SeedFacts): Route[] {
  const lastPage = Math.max(0, f.regionCases - PAGE);
  return [
    get('supervisor', '/cases'),
    get('supervisor', '/cases?stage=SHELTER'),
    get('supervisor', `/cases?regionCode=${REGION}`),
    get('supervisor', '/cases?ppksCategory=PPKS-04'),
    get('supervisor', '/cases?responsibleAgency=DINSOS'),
    get('supervisor', '/cases?overdue=false'),
    get('supervisor', '/cases?repeat=true'),
    get('supervisor', '/cases?repeat=false'),
    get('supervisor', `/cases?limit=${PAGE}&offset=${lastPage}`, `GET /cases?limit=${PAGE}&offset=${lastPage} (last page)`),
    get('supervisor', `/cases?limit=${PAGE}&after=${f.lastPageAfter}`, `GET /cases?limit=${PAGE}&after=:id (last page)`),
  ];
}

/** The name search, one case's history and timeline. */
function caseRoutes(f: SeedFacts): Route[] {
  return [
    { label: 'POST /cases/search (a seeded name)', who: 'supervisor', request: { method: 'POST', path: '/cases/search', body: { q: f.personName } } },
    get('auditor', `/cases/${f.caseId}/history`, 'GET /cases/:id/history'),
    get('supervisor', `/cases/${f.caseId}/timeline`, 'GET /cases/:id/timeline'),
  ];
}

/** The audit event search with no filter and each filter, and the access log. */
function auditRoutes(f: SeedFacts): Route[] {
  const window = `from=${encodeURIComponent(f.windowFrom)}&to=${encodeURIComponent(f.windowTo)}`;
  return [
    get('auditor', '/audit/events'),
    get('auditor', `/audit/events?region=${REGION}`),
    get('auditor', '/audit/events?action=stageChanged'),
    get('auditor', '/audit/events?agency=DINKES'),
    get('auditor', `/audit/events?actor=${encodeURIComponent(f.actorId)}`),
    get('auditor', '/audit/events?outcome=ACCEPTED'),
    get('auditor', `/audit/events?caseId=${f.caseId}`, 'GET /audit/events?caseId=:id'),
    get('auditor', `/audit/events?${window}`, 'GET /audit/events?from=…&to=… (last 30 days)'),
    get('auditor', '/audit/access-log'),
    get('auditor', `/audit/access-log?caseId=${f.caseId}`, 'GET /audit/access-log?caseId=:id'),
  ];
}

function totalOf(body: string): number | null {
  const parsed = JSON.parse(body) as { total?: unknown };
  return typeof parsed.total === 'number' ? parsed.total : null;
}

async function timeRoute(base: string, tokens: Record<Who, string>, route: Route): Promise<Timing> {
  const stats = await timeRequests(base, tokens[route.who], route.request, REQUESTS);
  const { method, path, body } = route.request;
  return { label: route.label, who: route.who, method, path, ...(body !== undefined ? { body } : {}), p50: stats.p50, p95: stats.p95, max: stats.max, total: totalOf(stats.lastBody) };
}

async function timeAll(base: string, facts: SeedFacts): Promise<Timing[]> {
  const tokens: Record<Who, string> = { supervisor: await login(base, 'supervisor', PASSWORD), auditor: await login(base, 'auditor', PASSWORD) };
  const timings: Timing[] = [];
  for (const route of [...caseListRoutes(facts), ...caseRoutes(facts), ...auditRoutes(facts)]) {
    const t = await timeRoute(base, tokens, route);
    process.stdout.write(`  ${t.label} (${t.who}): p50 ${t.p50} ms, p95 ${t.p95} ms, max ${t.max} ms, total ${t.total ?? '-'}\n`);
    timings.push(t);
  }
  return timings;
}

const overTarget = (t: Timing): boolean => t.p95 > TARGET_P95_MS;

async function main(): Promise<void> {
  const url = loadConfig().database.url ?? 'postgres://postgres@127.0.0.1:5432/test';
  const seed = await seedScale({ url, cases: CASES, events: EVENTS, password: PASSWORD });
  const subjectsAdded = await ensureCaseSubjects(url, seed.schema);
  if (subjectsAdded > 0) process.stdout.write(`case_subject: ${subjectsAdded} names copied from the registry\n`);
  const facts = await seedFacts(url, seed.schema, seed.seededAt);
  let api: INestApplication | undefined;
  try {
    const started = await startApi(url, seed.schema);
    api = started.api;
    const timings = await timeAll(started.base, facts);
    const { commit, machine, postgres } = await environment(url);
    const report = {
      commit,
      machine,
      postgres,
      seed: { schema: seed.schema, reused: seed.reused, seededAt: seed.seededAt, totalSeconds: seed.totalSeconds, steps: seed.steps, rows: seed.rows, schemaBytes: seed.schemaBytes, databaseBytes: seed.databaseBytes, facts },
      requestsPerRoute: REQUESTS,
      warmUp: WARM_UP,
      targetP95Ms: TARGET_P95_MS,
      timings,
      missedTarget: timings.filter(overTarget).map((t) => t.label),
    };
    printTable(`bench:scale (${seed.rows.case_view} cases, ${seed.rows.case_event} ledger entries, ${REQUESTS} requests each; p50 / p95 / max ms)`, [
      ...timings.map((t): [string, string] => [t.label, `${t.p50} / ${t.p95} / ${t.max}${overTarget(t) ? '  (p95 over target)' : ''}`]),
      ['seed', seed.reused ? `reused (seeded ${seed.seededAt} in ${seed.totalSeconds} s)` : `${seed.totalSeconds} s`],
      ['schema size / database size', `${gib(seed.schemaBytes)} / ${gib(seed.databaseBytes)}`],
      ['PostgreSQL', postgres.version],
      ['commit', commit],
    ]);
    process.stdout.write(`report: ${writeReport('bench-scale', report)}\n`);
  } finally {
    await api?.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:scale failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
