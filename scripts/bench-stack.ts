import 'reflect-metadata';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createApiApp } from '../src/api/create-api-app';
import type { AppConfig } from '../src/config/app-config';
import { loadConfig, projectRoot } from '../src/config/app-config';
import { runMigrations } from '../src/database/data-source';
import { prepareTemporal } from '../src/launcher/services';
import { ensureTemporalBinaries } from '../src/launcher/temporal-cli';
import { startTemporalDevServer } from '../src/launcher/temporal-dev-server';
import { seedDemoRegion } from '../src/users/demo-seed';
import { createWorkerApp } from '../src/worker/create-worker-app';

/** What a benchmark measures against: the API and worker in process, on their own Temporal dev server and schema. */
export interface BenchStack {
  config: AppConfig;
  /** PostgreSQL URL and the schema created for this run (dropped by `stop`). */
  url: string;
  schema: string;
  temporalAddress: string;
  /** Where the Temporal CLI came from, and which database (for the report). */
  temporalSource: string;
  database: 'DATABASE_URL' | 'local PostgreSQL (test)';
  /** The API's base URL, and the demo case worker's access token. */
  base: string;
  accessToken: string;
  /** Signs a demo user of the seeded schema in (`caseworker`, `supervisor`, `dinkes`, …) and returns the access token. */
  signIn(username: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a Temporal dev server, migrates and seeds a fresh schema (demo region), starts the worker and
 * the API in this process and signs in as the demo case worker. `DATABASE_URL`, or the local `test`.
 */
export async function startBenchStack(name: string): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const env = loadConfig();
  const binaries = ensureTemporalBinaries({ cliOverride: env.temporal.cli, toolsDir: join(projectRoot(), '.tools') });
  const server = await startTemporalDevServer({ cli: binaries.cli, namespace: 'default', port: 0 });
  const url = env.database.url ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `sinergi_${name}_${Date.now().toString(36)}`;
  let api: INestApplication | undefined;
  let worker: INestApplicationContext | undefined;
  const stop = async (): Promise<void> => {
    await api?.close();
    await worker?.close();
    await server.stop();
    const pg = new PgClient({ connectionString: url });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  };
  try {
    await prepareTemporal(server.address, 'default', 7);
    await runMigrations({ url, schema, poolSize: 1 });
    const password = 'bench-password-1';
    await seedDemoRegion({ url, schema, poolSize: 1 }, password, 'test');
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_WORKFLOW_BUNDLE: join(projectRoot(), 'dist', 'workflow-bundle.js'),
      DATABASE_URL: url,
      DATABASE_SCHEMA: schema,
      PORT: '0',
    });
    worker = await createWorkerApp(config);
    api = await createApiApp(config);
    await api.listen(0, '127.0.0.1');
    const base = await api.getUrl();
    const signIn = async (username: string): Promise<string> => {
      const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      if (login.status !== 200 && login.status !== 201) throw new Error(`signing ${username} in answered ${login.status}`);
      return ((await login.json()) as { accessToken: string }).accessToken;
    };
    const accessToken = await signIn('caseworker');
    const database = env.database.url ? 'DATABASE_URL' : 'local PostgreSQL (test)';
    return { config, url, schema, temporalAddress: server.address, temporalSource: binaries.source, database, base, accessToken, signIn, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
