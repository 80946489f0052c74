import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config/app-config';
import { childEnvironment, loadConfig, projectRoot } from './config/app-config';
import { runMigrations } from './database/data-source';
import { startEmbeddedDatabase } from './launcher/embedded-database';
import { exited, freePort, PidFile, stopChild } from './launcher/processes';
import { forkService, prepareTemporal } from './launcher/services';
import { ensureTemporalBinaries } from './launcher/temporal-cli';
import { startTemporalDevServer } from './launcher/temporal-dev-server';
import { seedDemoRegion } from './users/demo-seed';

const say = (line: string): void => void process.stdout.write(`[sinergi] ${line}\n`);

/** Things to stop, in reverse order of start: API, worker (drains), database, Temporal. */
const stops: { name: string; stop: () => Promise<void> }[] = [];
let stopping = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping…');
    for (const { name, stop } of [...stops].reverse()) {
      await stop().catch((error: unknown) => say(`could not stop ${name}: ${String(error)}`));
    }
    say(exitCode === 0 ? 'stopped' : 'stopped after a failure');
  }
  process.exit(exitCode);
}

function supervise(name: string, child: ChildProcess): void {
  stops.push({ name, stop: () => stopChild(child, 'SIGTERM', 20_000) });
  void exited(child).then((code) => {
    if (!stopping) {
      say(`${name} exited unexpectedly (code ${code}); stopping everything`);
      void shutdown(1);
    }
  });
}

async function startTemporal(config: AppConfig): Promise<{ address: string; uiUrl: string | undefined }> {
  if (config.temporal.address !== undefined) return { address: config.temporal.address, uiUrl: undefined };
  const binaries = ensureTemporalBinaries({ cliOverride: config.temporal.cli, toolsDir: join(projectRoot(), '.tools') });
  const pidFile = new PidFile(join(config.dataDir, 'temporal.pid'), 'start-dev');
  pidFile.killStale();
  const server = await startTemporalDevServer({
    cli: binaries.cli,
    namespace: config.temporal.namespace,
    port: config.temporal.devPort,
    uiPort: config.temporal.uiPort,
    dbFile: join(config.dataDir, 'temporal.sqlite'),
    logFile: join(config.dataDir, 'temporal.log'),
  });
  pidFile.write(server.pid);
  stops.push({ name: 'Temporal', stop: async () => (await server.stop(), pidFile.remove()) });
  return { address: server.address, uiUrl: server.uiUrl };
}

async function startDatabase(config: AppConfig): Promise<string> {
  if (config.database.url !== undefined) return config.database.url;
  const db = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.database.embeddedPort || (await freePort()) });
  stops.push({ name: 'embedded database', stop: () => db.stop() });
  return db.url;
}

/** `npm start`: the whole system on one machine, in order, stopped cleanly by Ctrl-C. */
async function main(): Promise<void> {
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const temporal = await startTemporal(config);
  const setup = await prepareTemporal(temporal.address, config.temporal.namespace, config.temporal.retentionDays);
  say(`Temporal ready at ${temporal.address} (retention ${setup.retentionDays} d${setup.addedSearchAttributes.length ? `, registered ${setup.addedSearchAttributes.join(', ')}` : ''})`);

  const databaseUrl = await startDatabase(config);
  const db = { url: databaseUrl, schema: config.database.schema, poolSize: 1 };
  const applied = await runMigrations(db);
  say(`database ready (${config.database.url ? 'DATABASE_URL' : `embedded PostgreSQL, ${join(config.dataDir, 'postgres')}`}); migrations applied: ${applied.length}`);
  if (config.nodeEnv !== 'production') {
    const seeded = await seedDemoRegion(db, config.auth.demoPassword);
    if (seeded.length > 0) say(`demo region Kab. Pasuruan (35.14) seeded; users: ${seeded.join(', ')} (password: SINERGI_DEMO_PASSWORD)`);
  }

  const bundle = join(projectRoot(), 'dist', 'workflow-bundle.js');
  const env = childEnvironment({
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_WORKFLOW_BUNDLE: config.temporal.workflowBundlePath ?? bundle,
  });
  const worker = await forkService('worker', join(__dirname, 'main.worker.js'), env);
  supervise('worker', worker.child);
  const api = await forkService('API', join(__dirname, 'main.api.js'), env);
  supervise('API', api.child);

  const base = `http://localhost:${config.http.port}`;
  say(`API           ${base}`);
  say(`OpenAPI docs  ${base}/docs   (spec: ${base}/docs/openapi.json)`);
  say(`Temporal UI   ${temporal.uiUrl ?? '(external Temporal server: use its own UI)'}`);
  say('Ctrl-C stops everything.');
}

main().catch(async (error: unknown) => {
  say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
