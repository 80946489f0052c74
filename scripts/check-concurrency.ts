import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { CONCURRENCY_ANOMALIES, runConcurrencyCheck } from './load/concurrency-check';
import { LaunchedSystem } from './load/launched-system';
import { printTable, writeReport } from './load/report';

/**
 * `npm run check:concurrency`: the embedded default under the launcher (temp folder, free ports),
 * 8 concurrent clients sharing 1,200 requests (reads of known cases and commands) after 20 concurrent
 * opens. Wrong-case answers, 404s for existing cases and 5xx must all be 0 (exit 1 otherwise).
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sinergi-concurrency-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the OS user postgres
  const password = loadConfig().auth.demoPassword;
  const system = await LaunchedSystem.start(dir, { NODE_ENV: 'development', LOG_LEVEL: 'warn', SINERGI_DEMO_PASSWORD: password });
  try {
    const token = await system.http.login('caseworker', password);
    const report = await runConcurrencyCheck(system.http, token, { clients: 8, requests: 1_200, opens: 20 });
    printTable('check:concurrency (embedded database, 8 clients)', Object.entries(report) as [string, number][]);
    process.stdout.write(`report: ${writeReport('check-concurrency', report)}\n`);
    const anomalies = CONCURRENCY_ANOMALIES.filter((name) => report[name] > 0);
    if (anomalies.length > 0) process.stdout.write(`anomalies: ${anomalies.join(', ')}\n`);
    process.exitCode = anomalies.length > 0 ? 1 : 0;
  } finally {
    await system.stop();
    if (process.exitCode === 0) rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`kept for inspection: ${dir}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`check:concurrency failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
