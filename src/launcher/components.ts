import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { projectRoot } from '../config/app-config';
import { embeddedDatabasePaths, embeddedDatabaseUrl, startEmbeddedDatabase } from './embedded-database';
import { howExited, PidFile, stopChild } from './processes';
import { forkService } from './services';
import type { RunningChild } from './supervisor';
import { ensureTemporalBinaries } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';

/** How to (re)start one part of `npm start`, and where its output goes. */
export interface Component {
  name: string;
  log: string;
  launch(): Promise<RunningChild>;
}

/**
 * The Temporal dev server on the data folder's SQLite file, on a fixed port so that a restarted
 * server is found again by the running API and worker. A server left by a dead launcher is killed.
 */
export function temporalDevServer(config: AppConfig, port: number): Component & { address: string; uiUrl: string } {
  const cli = ensureTemporalBinaries({ cliOverride: config.temporal.cli, toolsDir: join(projectRoot(), '.tools') }).cli;
  const log = join(config.dataDir, 'temporal.log');
  const pidFile = new PidFile(join(config.dataDir, 'temporal.pid'), 'start-dev');
  const launch = async (): Promise<RunningChild> => {
    pidFile.killStale();
    const server = await startTemporalDevServer({
      cli,
      namespace: config.temporal.namespace,
      port,
      uiPort: config.temporal.uiPort,
      dbFile: join(config.dataDir, 'temporal.sqlite'),
      logFile: log,
    });
    pidFile.write(server.pid);
    return { pid: server.pid, exited: server.exited, stop: async () => (await server.stop(), pidFile.remove()) };
  };
  return { name: 'Temporal dev server', log, launch, address: `127.0.0.1:${port}`, uiUrl: `http://127.0.0.1:${config.temporal.uiPort}` };
}

/** The embedded PostgreSQL server on the data folder, on a fixed port (its URL stays the same across restarts). */
export function embeddedDatabase(config: AppConfig, port: number): Component & { url: string } {
  return {
    name: 'embedded database',
    log: embeddedDatabasePaths(config.dataDir).log,
    url: embeddedDatabaseUrl(config.dataDir, port),
    launch: () => startEmbeddedDatabase({ dataDir: config.dataDir, port }),
  };
}

/** The worker or the API process (a compiled entry point next to the launcher's), started with `env`. */
export function nodeService(name: 'worker' | 'API', entry: string, env: NodeJS.ProcessEnv, dataDir: string): Component {
  const log = join(dataDir, `${name.toLowerCase()}.log`);
  return {
    name,
    log,
    launch: async () => {
      const { child } = await forkService(name, entry, env, log);
      return { pid: child.pid as number, exited: howExited(child), stop: () => stopChild(child, 'SIGTERM', 20_000) };
    },
  };
}
