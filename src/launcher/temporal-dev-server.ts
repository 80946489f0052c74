import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { Connection } from '@temporalio/client';
import { exited, freePort, howExited, stopChild, waitFor } from './processes';

export interface DevServerOptions {
  cli: string;
  namespace: string;
  /** 0 picks a free port. */
  port: number;
  /** Undefined runs headless (no UI). */
  uiPort?: number;
  /** SQLite file for persistence; undefined keeps everything in memory. */
  dbFile?: string;
  /** Server output goes here; undefined discards it. */
  logFile?: string;
  startTimeoutMs?: number;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string | undefined;
  pid: number;
  /** Settles when the server process has exited, saying how (`signal SIGKILL`). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

function devServerArgs(options: DevServerOptions, port: number): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', options.namespace];
  args.push('--log-level', 'warn', '--log-format', 'json');
  args.push(...(options.uiPort === undefined ? ['--headless'] : ['--ui-port', String(options.uiPort)]));
  if (options.dbFile !== undefined) {
    // WAL + NORMAL survives a crash of the process (not a power cut) at a fraction of full-sync cost.
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  return args;
}

/** The server exited before answering (with a picked port, most often: the port was taken meanwhile). */
class EarlyExitError extends Error {}

/**
 * Starts `temporal server start-dev` in its own process group (so a terminal Ctrl-C reaches only the
 * launcher, which stops the server last) and waits until its frontend answers. With port 0 a free port
 * is picked, and picked again (up to 3 times) when the server exits during start: a port found free can
 * be taken, e.g. as the source port of an outgoing connection, before the server binds it.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options, options.port === 0 ? await freePort() : options.port);
    } catch (error) {
      if (!(error instanceof EarlyExitError) || options.port !== 0 || attempt === 3) throw error;
    }
  }
}

async function startOnce(options: DevServerOptions, port: number): Promise<RunningDevServer> {
  const out = options.logFile === undefined ? 'ignore' : openSync(options.logFile, 'a');
  const child = spawn(options.cli, devServerArgs(options, port), { detached: true, stdio: ['ignore', out, out] });
  if (typeof out === 'number') closeSync(out);
  const address = `127.0.0.1:${port}`;
  const earlyExit = exited(child).then((code) => {
    throw new EarlyExitError(`temporal dev server exited with code ${code} during start${options.logFile ? ` (see ${options.logFile})` : ''}`);
  });
  const ready = waitFor(`Temporal dev server at ${address}`, options.startTimeoutMs ?? 30_000, async () => {
    const connection = await Connection.connect({ address, connectTimeout: 1_000 });
    try {
      await connection.workflowService.describeNamespace({ namespace: options.namespace });
      return true;
    } finally {
      await connection.close();
    }
  });
  try {
    await Promise.race([ready, earlyExit]);
  } catch (error) {
    await stopChild(child, 'SIGKILL', 0);
    throw error;
  }
  earlyExit.catch(() => undefined);
  return {
    address,
    uiUrl: options.uiPort === undefined ? undefined : `http://127.0.0.1:${options.uiPort}`,
    pid: child.pid as number,
    exited: howExited(child),
    stop: () => stopChild(child, 'SIGTERM', 10_000),
  };
}
