import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Asks the OS for a free TCP port on 127.0.0.1 (tiny race window; fine for dev and tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitFor<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} not ready within ${timeoutMs} ms${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
}

/** Resolves when the child has exited (immediately if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
}

/** Resolves, once the child has exited, with how: `code 1`, `signal SIGKILL`. */
export async function howExited(child: ChildProcess): Promise<string> {
  await exited(child);
  return child.signalCode !== null ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
}

/** Sends `signal` to a child's process group (children are detached) and waits; SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  const done = exited(child);
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const kill = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-(child.pid as number), sig);
    } catch {
      child.kill(sig);
    }
  };
  kill(signal);
  const timer = setTimeout(() => kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A pid file for a detached server: if a previous launcher died without stopping it, the stale server
 * (recognised by its command line) is killed before a new one starts on the same data.
 */
export class PidFile {
  constructor(
    private readonly path: string,
    private readonly commandMarker: string,
  ) {}

  killStale(): void {
    if (!existsSync(this.path)) return;
    const pid = Number(readFileSync(this.path, 'utf8').trim());
    const cmdline = `/proc/${pid}/cmdline`;
    if (Number.isInteger(pid) && isAlive(pid) && existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(this.commandMarker)) {
      process.kill(pid, 'SIGKILL');
    }
    rmSync(this.path, { force: true });
  }

  write(pid: number): void {
    writeFileSync(this.path, String(pid));
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}
