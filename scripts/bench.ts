import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { NativeConnection, Worker } from '@temporalio/worker';
import { projectRoot } from '../src/config/app-config';
import { startBenchStack } from './bench-stack';
import { commandLatencies, lifecycleRate, taskLatencies } from './bench/commands';
import { benchContext, TRIVIAL_QUEUE } from './bench/context';
import { openCaseComparison } from './bench/open-case';
import { writeReport } from './load/report';

/**
 * `npm run bench` (docs/performance.md "Command path"): one Temporal dev server, the worker and the API
 * in this process, and in the same run, each Sinergi figure next to its anchor — what the bare engine
 * does for the same round trips:
 * - opening a case: the API vs the SDK's update-with-start vs a bare start (and without the codec);
 * - each case command's p50/p95/p99 at 1, 8 and 32 concurrent clients vs a bare SDK update on a trivial workflow;
 * - an agency task's claim and complete vs the same bare update;
 * - whole lifecycles per second (Dinkes and Dinsos simulated) vs as many round trips on trivial workflows.
 * `--smoke` runs every part with a handful of cases (a check that the bench works, not a measurement).
 * Prints one summary table, writes reports/bench.json; asserts nothing.
 */
const SMOKE = process.argv.includes('--smoke');
const SIZES = SMOKE
  ? { open: { n: 10, concurrency: 4, rounds: 1 }, casesPerClient: { 1: 1, 8: 1, 32: 1 }, tasks: { clients: 4, casesPerClient: 1 }, lifecycle: { clients: 4, cases: 4 } }
  : { open: { n: 200, concurrency: 8, rounds: 3 }, casesPerClient: { 1: 10, 8: 4, 32: 3 }, tasks: { clients: 8, casesPerClient: 5 }, lifecycle: { clients: 8, cases: 48 } };
const LEVELS = [1, 8, 32] as const;
const TARGETS = { commandP50Ms: 60, commandP99Ms: 250, apiToSdkUpdateWithStart: 0.9 };
const USERS = ['caseworker', 'supervisor', 'dinkes', 'dinsos'];

async function main(): Promise<void> {
  const stack = await startBenchStack('bench');
  const trivialConnection = await NativeConnection.connect({ address: stack.temporalAddress });
  const trivialWorker = await Worker.create({
    connection: trivialConnection,
    namespace: stack.config.temporal.namespace,
    taskQueue: TRIVIAL_QUEUE,
    workflowsPath: require.resolve('./bench/trivial-workflow'),
  });
  const trivialRunning = trivialWorker.run();
  const ctx = await benchContext(stack, USERS);
  try {
    const progress = (part: string) => process.stderr.write(`bench: ${part}\n`);
    progress('opening cases');
    const openCase = await openCaseComparison(ctx, SIZES.open.n, SIZES.open.concurrency, SIZES.open.rounds);
    const commands = [];
    for (const clients of LEVELS) {
      progress(`commands at ${clients} clients`);
      commands.push(await commandLatencies(ctx, clients, SIZES.casesPerClient[clients]));
    }
    progress('agency tasks');
    const tasks = await taskLatencies(ctx, SIZES.tasks.clients, SIZES.tasks.casesPerClient);
    progress('lifecycles');
    const lifecycle = await lifecycleRate(ctx, SIZES.lifecycle.clients, SIZES.lifecycle.cases);
    const at32 = commands.find((c) => c.clients === 32)!.commands;
    const report = {
      benchmark: 'command-path',
      smoke: SMOKE,
      when: new Date().toISOString(),
      commit: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot() }).toString().trim(),
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      temporal: stack.temporalSource,
      database: stack.database,
      openCase,
      commands,
      tasks,
      lifecycle,
      targets: {
        commandP50At32: { targetMs: TARGETS.commandP50Ms, measuredMs: at32.p50, met: at32.p50 <= TARGETS.commandP50Ms },
        commandP99At32: { targetMs: TARGETS.commandP99Ms, measuredMs: at32.p99, met: at32.p99 <= TARGETS.commandP99Ms },
        apiToSdkUpdateWithStart: { target: TARGETS.apiToSdkUpdateWithStart, measured: openCase.ratios.apiToSdkUpdateWithStartRate, met: openCase.ratios.apiToSdkUpdateWithStartRate >= TARGETS.apiToSdkUpdateWithStart },
      },
    };
    const path = writeReport('bench', report);
    process.stdout.write(summaryTable(report));
    process.stdout.write(`\nJSON: ${path}\n`);
  } finally {
    await ctx.close();
    trivialWorker.shutdown();
    await trivialRunning;
    await trivialConnection.close();
    await stack.stop();
  }
}

type Report = {
  commit: string;
  smoke: boolean;
  openCase: Awaited<ReturnType<typeof openCaseComparison>>;
  commands: Awaited<ReturnType<typeof commandLatencies>>[];
  tasks: Awaited<ReturnType<typeof taskLatencies>>;
  lifecycle: Awaited<ReturnType<typeof lifecycleRate>>;
};

/** The one summary table: each figure, its anchor from the same run, and their ratio. */
function summaryTable(r: Report): string {
  const pcts = (x: { p50: number; p95: number; p99: number }) => `${x.p50} / ${x.p95} / ${x.p99} ms`;
  const o = r.openCase;
  const rows: [string, string, string, string][] = [
    ['open case, API (cases/s; p50)', `${o.api.medianPerSecond}/s; ${o.api.latencyMs.p50} ms`, `SDK update-with-start ${o.sdkUpdateWithStart.medianPerSecond}/s; ${o.sdkUpdateWithStart.latencyMs.p50} ms`, `${o.ratios.apiToSdkUpdateWithStartRate}× rate`],
    ['', '', `SDK start ${o.sdkStart.medianPerSecond}/s; ${o.sdkStart.latencyMs.p50} ms`, `${o.ratios.apiToSdkStartRate}× rate`],
    ['update-with-start, codec vs none', `${o.sdkUpdateWithStart.medianPerSecond}/s`, `no codec ${o.sdkUpdateWithStartNoCodec.medianPerSecond}/s`, `${o.ratios.codecRate}× rate`],
    ...r.commands.map((c): [string, string, string, string] => [`command at ${c.clients} client${c.clients > 1 ? 's' : ''} (p50/p95/p99)`, pcts(c.commands), `trivial update ${pcts(c.trivialUpdate)}`, `${c.ratios.p50}× p50, ${c.ratios.p99}× p99`]),
    [`task claim at ${r.tasks.clients} (p50/p95/p99)`, pcts(r.tasks.claim), `trivial update ${pcts(r.tasks.trivialUpdate)}`, `${r.tasks.ratios.claimP50}× p50`],
    [`task complete at ${r.tasks.clients} (p50/p95/p99)`, pcts(r.tasks.complete), '', `${r.tasks.ratios.completeP50}× p50`],
    [`lifecycle at ${r.lifecycle.clients} (cases/s)`, `${r.lifecycle.casesPerSecond}/s`, `${r.lifecycle.roundTripsPerCase} trivial round trips ${r.lifecycle.trivialPerSecond}/s`, `${r.lifecycle.ratio}× rate`],
  ];
  const head: [string, string, string, string] = ['figure', 'Sinergi', 'anchor (same run)', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |\n`;
  const title = `\nnpm run bench${r.smoke ? ' --smoke (not a measurement)' : ''}, commit ${r.commit.slice(0, 7)}\n\n`;
  return title + line(head) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join('');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
