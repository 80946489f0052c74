import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnvironment, projectRoot } from '../../src/config/app-config';
import { embeddedDatabasePaths } from '../../src/launcher/embedded-database';
import { exited, freePort } from '../../src/launcher/processes';
import { SinergiHttp } from './http-client';

/** The parts of `npm start` a test or the chaos run can kill, as the launcher names them. */
export type Part = 'worker' | 'API' | 'Temporal dev server' | 'embedded database';

const MARKERS: Record<Part, string> = {
  worker: 'main.worker.js',
  API: 'main.api.js',
  'Temporal dev server': 'start-dev',
  'embedded database': '/bin/postgres',
};

/** Direct children of `ppid` whose command line contains `marker` (from /proc: no launcher cooperation needed). */
export function childPids(ppid: number, marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === ppid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/**
 * The built launcher (`node dist/src/main.launcher.js`) on a data folder and free ports of its own,
 * as `npm start` runs it; its output is kept (and copied to `outputFile`).
 */
export class LaunchedSystem {
  private text = '';
  readonly exited: Promise<number | null>;
  readonly http: SinergiHttp;

  private constructor(
    private readonly child: ChildProcess,
    readonly dataDir: string,
    readonly ports: Record<'PORT' | 'TEMPORAL_DEV_PORT' | 'TEMPORAL_UI_PORT' | 'SINERGI_EMBEDDED_DB_PORT', number>,
    outputFile: string,
  ) {
    const copy = createWriteStream(outputFile, { flags: 'a' });
    const keep = (chunk: Buffer) => ((this.text += chunk.toString('utf8')), copy.write(chunk));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = exited(child).then((code) => (copy.end(), code));
    this.http = new SinergiHttp(`http://127.0.0.1:${ports.PORT}`, 15_000);
  }

  /** Starts the launcher and resolves once it says everything is up (rejects if it exits first). */
  static async start(dataDir: string, env: Record<string, string | undefined>, timeoutMs = 120_000): Promise<LaunchedSystem> {
    const ports = { PORT: await freePort(), TEMPORAL_DEV_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort(), SINERGI_EMBEDDED_DB_PORT: await freePort() };
    const overrides = { DATABASE_URL: undefined, TEMPORAL_ADDRESS: undefined, SINERGI_DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), ...env };
    const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'src', 'main.launcher.js')], { cwd: projectRoot(), env: childEnvironment(overrides), stdio: ['ignore', 'pipe', 'pipe'] });
    const system = new LaunchedSystem(child, dataDir, ports, join(dataDir, 'launcher.out'));
    await system.waitForOutput(/Ctrl-C stops everything/, timeoutMs);
    return system;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get port(): number {
    return this.ports.PORT;
  }

  /** Null while the launcher runs. */
  get exitCode(): number | null {
    return this.child.exitCode;
  }

  output(): string {
    return this.text;
  }

  /** The running process of a part (the embedded database: its postmaster). */
  pidOf(part: Part): number | undefined {
    if (part === 'embedded database') {
      const pidFile = join(embeddedDatabasePaths(this.dataDir).cluster, 'postmaster.pid');
      if (existsSync(pidFile)) return Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    }
    return childPids(this.pid, MARKERS[part])[0];
  }

  /** Waits until the output (from character `since` on) matches `pattern`. */
  async waitForOutput(pattern: RegExp, timeoutMs: number, since = 0): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text.slice(since))) {
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`launcher output never matched ${pattern}:\n${this.text.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits until GET /health answers 200; returns the milliseconds waited. */
  async waitHealthy(timeoutMs: number): Promise<number> {
    const started = Date.now();
    while ((await this.http.call('GET', '/health')).status !== 200) {
      if (Date.now() - started > timeoutMs) throw new Error(`/health not 200 within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return Date.now() - started;
  }

  /** SIGTERM (as Ctrl-C would) and the launcher's exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}
