import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedDatabaseUrl } from '../../src/launcher/embedded-database';
import { LaunchedSystem } from '../load/launched-system';
import type { CaseRecord, DriverTally } from './case-driver';
import { CaseDriver } from './case-driver';
import type { Kill } from './chaos-monkey';
import { ChaosMonkey, TARGETS } from './chaos-monkey';
import { ExternalDatabase } from './external-database';
import type { CaseVerification } from './verify-cases';
import { verifyCases } from './verify-cases';

export type Variant = 'embedded' | 'external';

export interface ChaosOptions {
  clients: number;
  /** Cases per client at most; clients stop opening new ones once the kills are over. */
  maxCasesPerClient: number;
  rounds: number;
  gapMs: number;
  /** Wall-clock bound of the workload. */
  maxSeconds: number;
  demoPassword: string;
}

export interface ChaosReport {
  variant: Variant;
  seconds: number;
  clients: number;
  requests: number;
  retries: number;
  kills: Record<string, number>;
  slowestRecoveryMs: number;
  driver: Omit<DriverTally, 'requests' | 'retries'>;
  cases: CaseVerification;
  launcherExit: number | null;
  /** The monkey or the check could not go on (a part did not come back). */
  failure: string | undefined;
  anomalies: string[];
}

/** Runs `clients` clients driving cases while the monkey kills parts, then checks every case. */
async function workload(system: LaunchedSystem, monkey: ChaosMonkey, run: string, options: ChaosOptions) {
  const records: CaseRecord[] = [];
  const drivers = Array.from({ length: options.clients }, () => new CaseDriver(system.http, () => system.http.login('caseworker', options.demoPassword)));
  let killing = true;
  const deadline = Date.now() + options.maxSeconds * 1000;
  let failure: string | undefined;
  const chaos = monkey
    .run()
    .catch((error: unknown) => void (failure = error instanceof Error ? error.message.split('\n')[0] : String(error)))
    .finally(() => (killing = false));
  await Promise.all(
    drivers.map(async (driver, c) => {
      for (let i = 0; i < options.maxCasesPerClient && (killing || i < 2) && Date.now() < deadline; i++) {
        const record: CaseRecord = { key: `${run}-${c}-${i}`, name: `Chaos ${run} ${c}-${i}` };
        records.push(record);
        await driver.drive(record);
      }
    }),
  );
  await chaos;
  return { records, drivers, failure };
}

function anomaliesOf(report: Omit<ChaosReport, 'anomalies'>, records: number): string[] {
  const found: string[] = [];
  const { driver, cases } = report;
  for (const [name, value] of Object.entries({ ...driver, ...cases })) {
    if (['acknowledged', 'casesExpected', 'casesFound', 'chainsValid', 'refusals'].includes(name)) continue;
    if (typeof value === 'number' && value > 0) found.push(`${name}: ${value}`);
  }
  if (cases.casesFound !== records) found.push(`cases found ${cases.casesFound} of ${records}`);
  if (cases.chainsValid !== cases.casesFound) found.push(`chains valid ${cases.chainsValid} of ${cases.casesFound}`);
  if (report.launcherExit !== null) found.push(`launcher exited with ${report.launcherExit} during the run`);
  if (report.failure !== undefined) found.push(report.failure);
  for (const target of TARGETS) if ((report.kills[target] ?? 0) === 0) found.push(`${target} never killed`);
  return found;
}

/** One chaos run: a launcher (and, for `external`, a PostgreSQL this run supervises) on temp folders and free ports. */
export async function runChaos(variant: Variant, options: ChaosOptions): Promise<{ report: ChaosReport; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `sinergi-chaos-${variant}-`));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the OS user postgres
  const run = randomBytes(4).toString('hex');
  let external: ExternalDatabase | undefined;
  let system: LaunchedSystem | undefined;
  const started = Date.now();
  try {
    if (variant === 'external') {
      mkdirSync(join(dir, 'external-db'), { mode: 0o755 });
      external = await ExternalDatabase.start(join(dir, 'external-db'));
    }
    const launcherDir = join(dir, 'launcher');
    mkdirSync(launcherDir, { mode: 0o755 });
    system = await LaunchedSystem.start(launcherDir, { NODE_ENV: 'development', LOG_LEVEL: 'warn', SINERGI_DEMO_PASSWORD: options.demoPassword, DATABASE_URL: external?.url });
    const monkey = new ChaosMonkey(system, external, { rounds: options.rounds, gapMs: options.gapMs, recoveryBoundMs: 60_000 });
    const { records, drivers, failure } = await workload(system, monkey, run, options);
    const databaseUrl = external?.url ?? embeddedDatabaseUrl(launcherDir, system.ports.SINERGI_EMBEDDED_DB_PORT);
    const checked = await check(system, databaseUrl, run, records, options.demoPassword);
    const report = { ...summarise(variant, started, options.clients, drivers.map((d) => d.tally), monkey.kills, checked.cases, system), failure: failure ?? checked.failure };
    return { report: { ...report, anomalies: anomaliesOf(report, records.length) }, dir };
  } finally {
    await system?.stop();
    await external?.stop();
  }
}

/** The verification, once the system answers again; if it does not, every case counts as lost. */
async function check(system: LaunchedSystem, databaseUrl: string, run: string, records: CaseRecord[], password: string) {
  try {
    await system.waitHealthy(60_000);
    return { cases: await verifyCases(databaseUrl, system.http, await system.http.login('auditor', password), run, records) };
  } catch (error) {
    const none = { casesExpected: records.length, casesFound: 0, duplicated: 0, lost: records.length, keyMismatch: 0, wrongStage: 0, chainsValid: 0, chainsBroken: 0 };
    return { cases: none, failure: `no verification: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

function summarise(variant: Variant, started: number, clients: number, tallies: DriverTally[], kills: Kill[], cases: CaseVerification, system: LaunchedSystem) {
  const sum = (field: 'requests' | 'retries' | 'acknowledged' | 'refused' | 'unanswered' | 'wrongCase') => tallies.reduce((n, t) => n + t[field], 0);
  return {
    variant,
    seconds: Math.round((Date.now() - started) / 1000),
    clients,
    requests: sum('requests'),
    retries: sum('retries'),
    kills: Object.fromEntries(TARGETS.map((t) => [t, kills.filter((k) => k.target === t).length])),
    slowestRecoveryMs: Math.max(0, ...kills.map((k) => k.recoveredMs)),
    driver: { acknowledged: sum('acknowledged'), refused: sum('refused'), unanswered: sum('unanswered'), wrongCase: sum('wrongCase'), refusals: tallies.flatMap((t) => t.refusals) },
    cases,
    launcherExit: system.exitCode,
  };
}

export function cleanUp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
