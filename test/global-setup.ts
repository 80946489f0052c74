import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkflowBundle } from '../scripts/build-workflow-bundle';
import { projectRoot } from '../src/config/app-config';
import { runMigrations } from '../src/database/data-source';
import { prepareTemporal } from '../src/launcher/services';
import { ensureTemporalBinaries, ensureTimeSkippingServer } from '../src/launcher/temporal-cli';
import type { RunningDevServer } from '../src/launcher/temporal-dev-server';
import { startTemporalDevServer } from '../src/launcher/temporal-dev-server';
import { PidFile } from '../src/launcher/processes';
import { reapStaleRuns, recordRun } from './helpers/stale-runs';
import { TEST_ENV } from './helpers/test-stack';

declare global {
  var sinergiTestServer: RunningDevServer | undefined;
  var sinergiTestTmp: string | undefined;
}

/**
 * Once per `npm test`: a Temporal dev server on a free port (in memory), a fresh PostgreSQL schema
 * in DATABASE_URL or the local `test` database (dropped afterwards, so the run touches nothing
 * else), migrations, and the workflow bundle.
 */
export default async function globalSetup(): Promise<void> {
  await reapStaleRuns();
  const binaries = ensureTemporalBinaries({ cliOverride: process.env.TEMPORAL_CLI, toolsDir: join(projectRoot(), '.tools') });
  const tmp = mkdtempSync(join(tmpdir(), 'sinergi-test-'));
  const bundlePath = join(tmp, 'workflow-bundle.js');
  const [server] = await Promise.all([
    startTemporalDevServer({ cli: binaries.cli, namespace: 'default', port: 0, logFile: join(tmp, 'temporal.log') }),
    buildWorkflowBundle(bundlePath),
  ]);
  globalThis.sinergiTestServer = server;
  globalThis.sinergiTestTmp = tmp;
  new PidFile(join(tmp, 'temporal.pid'), 'start-dev').write(server.pid);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `sinergi_test_${process.pid}_${Date.now().toString(36)}`;
  recordRun(tmp, url, schema);
  await prepareTemporal(server.address, 'default', 7);

  await runMigrations({ url, schema, poolSize: 1 });

  process.env[TEST_ENV.temporalAddress] = server.address;
  process.env[TEST_ENV.databaseUrl] = url;
  process.env[TEST_ENV.databaseSchema] = schema;
  process.env[TEST_ENV.workflowBundle] = bundlePath;
  process.env[TEST_ENV.temporalCli] = binaries.cli;
  process.env[TEST_ENV.timeSkippingServer] = ensureTimeSkippingServer(join(projectRoot(), '.tools'));
}
