import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { getHeapStatistics } from 'node:v8';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { AppConfig } from '../src/config/app-config';
import { childEnvironment, loadConfig, projectRoot, temporalDataConverter } from '../src/config/app-config';
import { runMigrations } from '../src/database/data-source';
import { prepareTemporal } from '../src/launcher/services';
import { ensureTemporalBinaries } from '../src/launcher/temporal-cli';
import type { RunningDevServer } from '../src/launcher/temporal-dev-server';
import { startTemporalDevServer } from '../src/launcher/temporal-dev-server';
import { ProtocolRegistry } from '../src/protocols/protocol-registry';
import { getCaseQuery } from '../workflows/case/case.messages';
import type { OpenCaseInput } from '../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../workflows/contracts/case';
import type { Protocol } from '../workflows/contracts/protocol';
import { CaseStageKey, RegionCodeKey } from '../workflows/contracts/search-attributes';
import { latencySummary, measure } from './bench-stats';
import { printTable, writeReport } from './load/report';

/**
 * `npm run bench:scale:worker [cases] [concurrency] [deadlineMinutes] [workerHeapMiB]` (issue 15, docs/performance.md):
 * one worker with many open cases. Starts a Temporal dev server (SQLite file in a temporary folder), a
 * fresh schema in PostgreSQL (`DATABASE_URL`, or the local `test`) and the built worker
 * (dist/src/main.worker.js) as a child process, whose RSS is read from /proc every second. Opens
 * `cases` cases with a bare SDK start, `concurrency` at a time: all but the last 200 in Kabupaten
 * Probolinggo (3510, intake deadline one day: timers pending far ahead), the last 200 in Kabupaten
 * Pasuruan (3514) whose current protocol is copied with an intake deadline of `deadlineMinutes`.
 * Once every case is in the read model: the worker's RSS; then kill -9, a new worker, and the time
 * until it has answered a `getCase` query (which replays the workflow) for 200 random older cases and
 * the 200 short-deadline ones; then how late, after the restart, each short deadline was seen in the
 * read model (overdue). Prints a table, writes reports/bench-worker.json; asserts nothing, but exits 1
 * when something does not work (a worker exits, the projection stalls, a query never answers).
 * The worker's RSS follows its workflow cache, which the SDK sizes from the V8 heap limit:
 * `workerHeapMiB` sets the worker's `--max-old-space-size` (default: Node's).
 */
const CASES = Number(process.argv[2] ?? 100_000);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const DEADLINE_MINUTES = Number(process.argv[4] ?? 4);
/** The worker's V8 heap limit (`--max-old-space-size`); the SDK sizes its default workflow cache from it. Unset: Node's default. */
const WORKER_HEAP_MIB = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
const SHORT_CASES = 200;
const OLD_SAMPLE = 200;
const BULK_REGION = '3510';
const SHORT_REGION = '3514';
const TARGET_RSS_BYTES = 2 * 2 ** 30;
const PROJECTION_STALL_MS = 180_000;
const QUERY_GIVE_UP_MS = 10 * 60_000;
const DEADLINE_GRACE_MS = 5 * 60_000;
const DEADLINE_POLL_MS = 250;
/** The worker serves the case queue only: no agency queues (razia intake orders no task) and none of its Temporal Schedules. */
const WORKER_SETTINGS = {
  LOG_LEVEL: 'warn',
  SINERGI_AGENCY_QUEUES: 'none',
  SINERGI_MONTHLY_REPORTS: 'false',
  SINERGI_RETENTION_SWEEP_SECONDS: '0',
  SINERGI_REPEAT_SWEEP_SECONDS: '0',
} as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number): number => Math.round(ms / 100) / 10;
const mib = (kb: number): number => Math.round(kb / 1024);

/** VmRSS and VmHWM (peak) of a process, in kB; undefined once it is gone. */
function memoryOf(pid: number): { rssKb: number; hwmKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every second and keeps the highest. */
class RssSampler {
  peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.now(), 1000);
  }

  /** RSS now (kB), also counted toward the peak. */
  now(): number {
    const rss = memoryOf(this.pid)?.rssKb ?? 0;
    this.peakKb = Math.max(this.peakKb, rss);
    return rss;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Core's warning of a workflow task that took over 5 s (counted, not printed: a loaded worker logs thousands). */
const SLOW_TASK = 'TMPRL1104';

/**
 * The built worker as a child process; `died` rejects when it exits without being told to. Its output
 * goes to this process's stderr (stdout keeps the table), slow workflow task warnings counted instead.
 */
class WorkerProcess {
  readonly spawnedAt = performance.now();
  readonly ready: Promise<number>;
  readonly died: Promise<never>;
  readonly rss: RssSampler;
  slowTasks = 0;
  private stopping = false;

  constructor(private readonly child: ChildProcess) {
    this.rss = new RssSampler(child.pid as number);
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => (line.includes(SLOW_TASK) ? (this.slowTasks += 1) : process.stderr.write(`worker ${child.pid}: ${line}\n`)));
    }
    this.died = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => {
        this.rss.stop();
        if (!this.stopping) reject(new Error(`worker ${child.pid} exited unexpectedly (${signal ?? `code ${code}`})`));
      }),
    );
    this.died.catch(() => undefined);
    const readyMessage = new Promise<number>((resolve) => child.on('message', (m: { type?: string }) => m.type === 'ready' && resolve(performance.now() - this.spawnedAt)));
    this.ready = Promise.race([readyMessage, this.died]);
  }

  static spawn(env: NodeJS.ProcessEnv): WorkerProcess {
    const entry = join(projectRoot(), 'dist', 'src', 'main.worker.js');
    return new WorkerProcess(fork(entry, [], { cwd: projectRoot(), env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }));
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Runs `work` unless the worker dies first. */
  watch<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.died]);
  }

  memory(): { rssKb: number; hwmKb: number; sampledPeakKb: number } {
    const m = memoryOf(this.pid) ?? { rssKb: NaN, hwmKb: NaN };
    this.rss.now();
    return { ...m, sampledPeakKb: this.rss.peakKb };
  }

  /** `SIGKILL` (a crash) or `SIGTERM` (SIGKILL after 15 s); resolves once it has exited. */
  async stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** protocols/*.json copied into `dir`, the current protocol of SHORT_REGION with an intake deadline of `minutes`. */
function shortDeadlineProtocols(dir: string, minutes: number): { short: Protocol; bulk: Protocol } {
  const source = join(projectRoot(), 'protocols');
  for (const name of readdirSync(source).filter((n) => n.endsWith('.json'))) copyFileSync(join(source, name), join(dir, name));
  const current = ProtocolRegistry.fromDirectory(dir).forRegion(SHORT_REGION);
  const intake = `PT${Math.round(minutes * 60)}S`;
  writeFileSync(join(dir, `${current.id}.v${current.version}.json`), JSON.stringify({ ...current, deadlines: { ...current.deadlines, intake } }, null, 2));
  const registry = ProtocolRegistry.fromDirectory(dir);
  const short = registry.forRegion(SHORT_REGION);
  const bulk = registry.forRegion(BULK_REGION);
  if (short.deadlines.intake !== intake || bulk.id !== BULK_REGION) throw new Error(`protocols in ${dir}: ${SHORT_REGION} not short or ${BULK_REGION} missing`);
  return { short, bulk };
}

/** A razia case in the protocol's region, as the API would start it (protocol pinned; the person in clear, as bench/open-case.ts does). */
function caseInput(protocol: Protocol): OpenCaseInput {
  return { caseId: randomUUID(), channel: 'RAZIA', regionCode: protocol.regionCode ?? SHORT_REGION, person: { name: 'Bench Person', sex: 'P', approximateAge: 30 }, protocol };
}

/** Opens `n` cases with a bare `client.workflow.start`, `CONCURRENCY` at a time; their ids, rate and latencies. */
async function openCases(client: Client, taskQueue: string, protocol: Protocol, n: number, label: string) {
  const ids: string[] = new Array<string>(n);
  const step = Math.max(1000, Math.round(n / 10));
  let done = 0;
  const started = performance.now();
  const run = await measure(n, CONCURRENCY, async (i) => {
    const input = caseInput(protocol);
    await client.workflow.start(CASE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(input.caseId),
      taskQueue,
      args: [input],
      typedSearchAttributes: [
        { key: CaseStageKey, value: 'INTAKE' },
        { key: RegionCodeKey, value: input.regionCode },
      ],
    });
    ids[i] = input.caseId;
    if (++done % step === 0) progress(`${label}: ${done}/${n} opened`);
  });
  return { ids, perSecond: run.perSecond, seconds: seconds(performance.now() - started), latencyMs: latencySummary(run.latencies) };
}

async function caseViews(pg: PgClient): Promise<number> {
  return Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM case_view')).rows[0]?.n);
}

/** Waits until case_view holds `expected` rows; throws when the count stops moving for PROJECTION_STALL_MS. */
async function waitProjected(pg: PgClient, expected: number): Promise<number> {
  const started = performance.now();
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const n = await caseViews(pg);
    if (n >= expected) return seconds(performance.now() - started);
    if (n !== last) [last, lastChange] = [n, Date.now()];
    else if (Date.now() - lastChange > PROJECTION_STALL_MS) throw new Error(`projection stalled at ${n}/${expected} case_view rows`);
    await sleep(500);
  }
}

/** Queries the case's workflow until it answers with the case (retrying errors); the number of retries. */
async function queryUntilAnswered(client: Client, caseId: string): Promise<number> {
  const giveUp = Date.now() + QUERY_GIVE_UP_MS;
  for (let retries = 0; ; retries++) {
    try {
      const snapshot = await client.workflow.getHandle(caseWorkflowId(caseId)).query(getCaseQuery);
      if (snapshot.caseId !== caseId) throw new Error(`getCase of ${caseId} answered ${snapshot.caseId}`);
      return retries;
    } catch (error) {
      if (Date.now() > giveUp) throw new Error(`getCase of ${caseId} unanswered after ${QUERY_GIVE_UP_MS / 1000} s: ${error instanceof Error ? error.message : String(error)}`);
      await sleep(250);
    }
  }
}

/** Kills `old` (-9), spawns a new worker and times it until every case of `ids` has answered a query. */
async function takeOver(client: Client, old: WorkerProcess, env: NodeJS.ProcessEnv, ids: string[]) {
  const killedAt = Date.now();
  await old.stop('SIGKILL');
  const worker = WorkerProcess.spawn(env);
  try {
    let retries = 0;
    const run = await worker.watch(measure(ids.length, CONCURRENCY, async (i) => void (retries += await queryUntilAnswered(client, ids[i] as string))));
    const answeredMs = performance.now() - worker.spawnedAt;
    const readyMs = await worker.ready;
    return { worker, killedAt, figures: { cases: ids.length, workerReadySeconds: seconds(readyMs), allAnsweredSeconds: seconds(answeredMs), queryLatencyMs: latencySummary(run.latencies), retries, memoryAfter: worker.memory() } };
  } catch (error) {
    await worker.stop('SIGTERM');
    throw error;
  }
}

/** Milliseconds: p50, p95, max. */
function spread(xs: number[]): { p50: number; p95: number; max: number } {
  const s = latencySummary(xs);
  return { p50: s.p50, p95: s.p95, max: xs.length === 0 ? NaN : Math.round(Math.max(...xs)) };
}

/**
 * Polls the read model every DEADLINE_POLL_MS until each case of `ids` is overdue, or the last deadline
 * plus DEADLINE_GRACE_MS passed. Lateness seen: when the poll saw it minus deadline_at; lateness fired:
 * the workflow time of the change (updated_at) minus deadline_at. Both over the cases whose deadline
 * came after `killedAt` (the first worker's kill -9); a slow projection can leave some due before it.
 */
async function watchDeadlines(pg: PgClient, ids: string[], killedAt: number) {
  const rows = (await pg.query<{ id: string; deadline_at: Date | null }>('SELECT id, deadline_at FROM case_view WHERE id = ANY($1::uuid[])', [ids])).rows;
  if (rows.length !== ids.length || rows.some((r) => r.deadline_at === null)) throw new Error(`short-deadline cases without deadline_at in case_view (${rows.length}/${ids.length} rows)`);
  const lastDeadline = Math.max(...rows.map((r) => (r.deadline_at as Date).getTime()));
  const seen = new Map<string, { seenLateMs: number; firedLateMs: number; dueBeforeKill: boolean }>();
  const started = performance.now();
  while (seen.size < ids.length && Date.now() < lastDeadline + DEADLINE_GRACE_MS) {
    const overdue = await pg.query<{ id: string; deadline_at: Date; updated_at: Date }>('SELECT id, deadline_at, updated_at FROM case_view WHERE id = ANY($1::uuid[]) AND overdue', [ids]);
    const now = Date.now();
    for (const r of overdue.rows) if (!seen.has(r.id)) seen.set(r.id, { seenLateMs: now - r.deadline_at.getTime(), firedLateMs: r.updated_at.getTime() - r.deadline_at.getTime(), dueBeforeKill: r.deadline_at.getTime() < killedAt });
    await sleep(DEADLINE_POLL_MS);
  }
  const late = [...seen.values()].filter((l) => !l.dueBeforeKill);
  return {
    fired: seen.size,
    of: ids.length,
    dueBeforeKill: rows.filter((r) => (r.deadline_at as Date).getTime() < killedAt).length,
    waitedSeconds: seconds(performance.now() - started),
    seenLateMs: spread(late.map((l) => l.seenLateMs)),
    firedLateMs: spread(late.map((l) => l.firedLateMs)),
  };
}

/** A random sample of `n` ids (without repeats). */
function sample(ids: string[], n: number): string[] {
  const copy = [...ids];
  for (let i = 0; i < Math.min(n, copy.length); i++) {
    const j = i + Math.floor(Math.random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as string, copy[i] as string];
  }
  return copy.slice(0, n);
}

function progress(text: string): void {
  process.stderr.write(`bench-worker: ${text}\n`);
}

function checkArguments(): void {
  const heapOk = WORKER_HEAP_MIB === undefined || (Number.isInteger(WORKER_HEAP_MIB) && WORKER_HEAP_MIB >= 256);
  const ok = Number.isInteger(CASES) && CASES > SHORT_CASES && Number.isInteger(CONCURRENCY) && CONCURRENCY >= 1 && DEADLINE_MINUTES > 0 && heapOk;
  if (!ok) throw new Error(`usage: bench-worker.js [cases > ${SHORT_CASES}] [concurrency ≥ 1] [deadlineMinutes > 0] [workerHeapMiB ≥ 256], got ${process.argv.slice(2).join(' ')}`);
}

/** What the run uses: a temporary folder (protocols, Temporal's SQLite file and log), the dev server, the schema. */
interface Stage {
  dir: string;
  server: RunningDevServer;
  temporalSource: string;
  url: string;
  schema: string;
  database: string;
  workerEnv: NodeJS.ProcessEnv;
  config: AppConfig;
  protocols: { short: Protocol; bulk: Protocol };
}

async function setUp(): Promise<Stage> {
  const env = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), 'sinergi-bench-worker-'));
  const protocols = shortDeadlineProtocols(dir, DEADLINE_MINUTES);
  const binaries = ensureTemporalBinaries({ cliOverride: env.temporal.cli, toolsDir: join(projectRoot(), '.tools') });
  const server = await startTemporalDevServer({ cli: binaries.cli, namespace: env.temporal.namespace, port: 0, dbFile: join(dir, 'temporal.db'), logFile: join(dir, 'temporal.log') });
  const url = env.database.url ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `sinergi_bench_worker_${Date.now().toString(36)}`;
  try {
    await prepareTemporal(server.address, env.temporal.namespace, 7);
    await runMigrations({ url, schema, poolSize: 1 });
  } catch (error) {
    await server.stop();
    await dropSchema(url, schema);
    throw error;
  }
  const overrides = {
    ...WORKER_SETTINGS,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_WORKFLOW_BUNDLE: join(projectRoot(), 'dist', 'workflow-bundle.js'),
    DATABASE_URL: url,
    DATABASE_SCHEMA: schema,
    SINERGI_PROTOCOLS_DIR: dir,
  };
  const workerEnv = childEnvironment(WORKER_HEAP_MIB === undefined ? overrides : { ...overrides, NODE_OPTIONS: `--max-old-space-size=${WORKER_HEAP_MIB}` });
  const database = env.database.url ? 'DATABASE_URL' : 'local PostgreSQL (test)';
  return { dir, server, temporalSource: binaries.source, url, schema, database, workerEnv, config: loadConfig(workerEnv), protocols };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  try {
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pg.end();
  }
}

async function tearDown(stage: Stage, failed: boolean): Promise<void> {
  await stage.server.stop();
  await dropSchema(stage.url, stage.schema);
  if (failed) progress(`kept ${stage.dir} (protocols, Temporal's database and log)`);
  else rmSync(stage.dir, { recursive: true, force: true });
}

/**
 * The SDK's default workflow cache of the worker (worker-options.js, reuseV8Context), from its heap
 * limit: this process's, or about WORKER_HEAP_MIB (V8 adds a little young generation on top).
 */
function defaultMaxCachedWorkflows(): number {
  const heapMiB = WORKER_HEAP_MIB ?? getHeapStatistics().heap_size_limit / 2 ** 20;
  return Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
}

async function run(stage: Stage, client: Client, pg: PgClient) {
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    progress(name);
    const t0 = performance.now();
    const result = await work();
    phases[name] = seconds(performance.now() - t0);
    return result;
  };
  const { taskQueue } = stage.config.temporal;
  const first = WorkerProcess.spawn(stage.workerEnv);
  let current = first;
  try {
    const readySeconds = seconds(await first.ready);
    const idle = first.memory();
    const bulkCases = CASES - SHORT_CASES;
    const bulk = await phase('open bulk cases', () => first.watch(openCases(client, taskQueue, stage.protocols.bulk, bulkCases, BULK_REGION)));
    const bulkProjectedSeconds = await phase('project bulk cases', () => first.watch(waitProjected(pg, bulkCases)));
    const afterBulk = first.memory();
    const short = await phase('open short-deadline cases', () => first.watch(openCases(client, taskQueue, stage.protocols.short, SHORT_CASES, SHORT_REGION)));
    await phase('project short-deadline cases', () => first.watch(waitProjected(pg, CASES)));
    const loaded = first.memory();
    const slowTasks = first.slowTasks;
    const serverLoaded = memoryOf(stage.server.pid);
    const old = sample(bulk.ids, OLD_SAMPLE);
    const takeover = await phase('kill -9 and take over', () => takeOver(client, first, stage.workerEnv, [...old, ...short.ids]));
    current = takeover.worker;
    const second = takeover.worker;
    const deadlines = await phase('deadlines after the restart', () => second.watch(watchDeadlines(pg, short.ids, takeover.killedAt)));
    const end = second.memory();
    return {
      firstWorker: { readySeconds, idle, afterBulk, loaded, slowTasks },
      opening: { bulk: { region: BULK_REGION, cases: bulkCases, perSecond: bulk.perSecond, seconds: bulk.seconds, latencyMs: bulk.latencyMs, projectedSecondsAfter: bulkProjectedSeconds }, short: { region: SHORT_REGION, cases: SHORT_CASES, perSecond: short.perSecond, latencyMs: short.latencyMs } },
      takeover: takeover.figures,
      deadlines,
      secondWorker: { end, slowTasks: second.slowTasks },
      server: { loaded: serverLoaded, dbFileBytes: statSync(join(stage.dir, 'temporal.db')).size },
      phases,
    };
  } finally {
    await current.stop('SIGTERM');
  }
}

type Figures = Awaited<ReturnType<typeof run>>;

function rows(f: Figures): [string, string | number][] {
  const pct = (x: { p50: number; p95: number; max?: number; p99?: number }) => `${x.p50} / ${x.p95} / ${x.max ?? x.p99} ms`;
  const w1 = f.firstWorker;
  const perThousand = Math.round(((w1.loaded.rssKb - w1.idle.rssKb) / 1024 / (CASES / 1000)) * 100) / 100;
  const d = f.deadlines;
  return [
    ['cases opened (bulk / short deadline)', `${f.opening.bulk.cases} in ${BULK_REGION} / ${f.opening.short.cases} in ${SHORT_REGION} (intake PT${Math.round(DEADLINE_MINUTES * 60)}S)`],
    ['opening rate, bulk (cases/s)', `${f.opening.bulk.perSecond}/s at ${CONCURRENCY} (${f.opening.bulk.seconds} s)`],
    ['start latency p50 / p95 / p99', pct(f.opening.bulk.latencyMs)],
    ['projected after the last start', `${f.opening.bulk.projectedSecondsAfter} s`],
    ['worker ready (first start)', `${w1.readySeconds} s`],
    ['workflow tasks over 5 s (worker 1 / 2)', `${w1.slowTasks} / ${f.secondWorker.slowTasks}`],
    ['worker RSS idle', `${mib(w1.idle.rssKb)} MiB`],
    [`worker RSS with ${CASES} open cases`, `${mib(w1.loaded.rssKb)} MiB (peak ${mib(Math.max(w1.loaded.hwmKb, w1.loaded.sampledPeakKb))} MiB)`],
    ['RSS growth per 1000 open cases', `${perThousand} MiB (SDK workflow cache ≈ ${defaultMaxCachedWorkflows()} runs)`],
    ['target: under 2 GiB RSS', `${Math.max(w1.loaded.hwmKb, w1.loaded.sampledPeakKb) * 1024 < TARGET_RSS_BYTES ? 'met' : 'missed'}`],
    ['takeover: new worker ready', `${f.takeover.workerReadySeconds} s after spawn`],
    [`takeover: ${f.takeover.cases} cases answered getCase`, `${f.takeover.allAnsweredSeconds} s after spawn (${f.takeover.retries} retries)`],
    ['takeover query p50 / p95 / p99', pct(f.takeover.queryLatencyMs)],
    ['worker RSS after takeover', `${mib(f.takeover.memoryAfter.rssKb)} MiB`],
    ['deadlines fired (due before the kill)', `${d.fired} / ${d.of} (${d.dueBeforeKill})`],
    ['due after the kill: lateness seen in read model p50 / p95 / max', pct(d.seenLateMs)],
    ['due after the kill: lateness in workflow time p50 / p95 / max', pct(d.firedLateMs)],
    ['worker RSS at the end (peak)', `${mib(f.secondWorker.end.rssKb)} MiB (${mib(Math.max(f.secondWorker.end.hwmKb, f.secondWorker.end.sampledPeakKb))} MiB)`],
    ['Temporal dev server RSS / SQLite file', `${mib(f.server.loaded?.rssKb ?? NaN)} MiB / ${Math.round(f.server.dbFileBytes / 2 ** 20)} MiB`],
    ['phases (s)', Object.entries(f.phases).map(([k, v]) => `${k} ${v}`).join(', ')],
  ];
}

async function main(): Promise<void> {
  checkArguments();
  progress('starting Temporal dev server, schema, protocols');
  const stage = await setUp();
  let failed = true;
  let connection: Connection | undefined;
  const pg = new PgClient({ connectionString: stage.url, options: `-c search_path=${stage.schema}` });
  try {
    connection = await Connection.connect({ address: stage.server.address });
    const client = new Client({ connection, namespace: stage.config.temporal.namespace, dataConverter: temporalDataConverter(stage.config) });
    await pg.connect();
    const figures = await run(stage, client, pg);
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot() }).toString().trim();
    const report = {
      benchmark: 'worker-scale',
      when: new Date().toISOString(),
      commit,
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      temporal: stage.temporalSource,
      database: stage.database,
      settings: { cases: CASES, concurrency: CONCURRENCY, deadlineMinutes: DEADLINE_MINUTES, workerHeapMiB: WORKER_HEAP_MIB ?? null, bulkRegion: BULK_REGION, shortRegion: SHORT_REGION, shortCases: SHORT_CASES, oldSample: OLD_SAMPLE, worker: WORKER_SETTINGS, defaultMaxCachedWorkflows: defaultMaxCachedWorkflows() },
      target: { rssBytes: TARGET_RSS_BYTES, peakRssBytes: Math.max(figures.firstWorker.loaded.hwmKb, figures.firstWorker.loaded.sampledPeakKb) * 1024 },
      ...figures,
    };
    const path = writeReport('bench-worker', report);
    printTable(`npm run bench:scale:worker ${[CASES, CONCURRENCY, DEADLINE_MINUTES, ...(WORKER_HEAP_MIB === undefined ? [] : [WORKER_HEAP_MIB])].join(' ')}, commit ${commit.slice(0, 7)}`, rows(figures));
    process.stdout.write(`\nJSON: ${path}\n`);
    failed = false;
  } finally {
    await pg.end().catch(() => undefined);
    await connection?.close();
    await tearDown(stage, failed);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
