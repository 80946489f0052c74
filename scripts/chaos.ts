import { loadConfig } from '../src/config/app-config';
import type { ChaosOptions, ChaosReport, Variant } from './chaos/chaos-run';
import { cleanUp, runChaos } from './chaos/chaos-run';
import { printTable, writeReport } from './load/report';

/**
 * `npm run test:chaos [embedded|external|both]`: the whole system through the launcher while its parts
 * are killed with SIGKILL, once on the embedded database and once on a separate PostgreSQL server this
 * script runs (and kills) itself as `DATABASE_URL`. Prints a table per run, writes reports/chaos-<variant>.json,
 * exits 1 on any anomaly (the run's folder, logs included, is then kept).
 */
const which = process.argv[2] ?? 'both';
const variants: Variant[] = which === 'both' ? ['embedded', 'external'] : [which as Variant];

function show(report: ChaosReport): void {
  const { cases, driver } = report;
  printTable(`chaos: ${report.variant} database`, [
    ['seconds', report.seconds],
    ['clients', report.clients],
    ['requests', report.requests],
    ['retries', report.retries],
    ...Object.entries(report.kills).map(([target, n]): [string, number] => [`kills: ${target}`, n]),
    ['slowest recovery (ms)', report.slowestRecoveryMs],
    ['acknowledged answers', driver.acknowledged],
    ['cases expected / found', `${cases.casesExpected} / ${cases.casesFound}`],
    ['duplicated', cases.duplicated],
    ['lost', cases.lost],
    ['idempotency key mismatches', cases.keyMismatch],
    ['at the wrong stage', cases.wrongStage],
    ['chains valid / broken', `${cases.chainsValid} / ${cases.chainsBroken}`],
    ['refused / unanswered / wrong case', `${driver.refused} / ${driver.unanswered} / ${driver.wrongCase}`],
    ['anomalies', report.anomalies.length === 0 ? 'none' : report.anomalies.join('; ')],
  ]);
}

async function main(): Promise<void> {
  if (!variants.every((v) => v === 'embedded' || v === 'external')) throw new Error('usage: chaos [embedded|external|both]');
  const options: ChaosOptions = { clients: 6, maxCasesPerClient: 40, rounds: 3, gapMs: 4_000, maxSeconds: 300, demoPassword: loadConfig().auth.demoPassword };
  let failed = false;
  for (const variant of variants) {
    const { report, dir } = await runChaos(variant, options);
    show(report);
    process.stdout.write(`report: ${writeReport(`chaos-${variant}`, report)}\n`);
    if (report.anomalies.length > 0) {
      failed = true;
      process.stdout.write(`kept for inspection: ${dir}\n`);
    } else cleanUp(dir);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos run failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
