import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { childEnvironment, projectRoot } from '../config/app-config';
import { runMigrations } from '../database/data-source';
import { seedDemoRegion } from '../users/demo-seed';
import type { Component } from './components';
import { embeddedDatabase, nodeService, temporalDevServer } from './components';
import { freePort } from './processes';
import { prepareTemporal } from './services';
import { Supervisor } from './supervisor';

const say = (line: string): void => void process.stdout.write(`[sinergi] ${line}\n`);

/**
 * `npm start`: the Temporal dev server, the embedded database, migrations and demo data, the worker
 * and the API, each part supervised (restarted when it dies). Stops in reverse order of start.
 */
export class Launcher {
  private readonly supervisors: Supervisor[] = [];
  private stopping = false;

  constructor(private readonly config: AppConfig) {}

  async start(): Promise<void> {
    const temporalAddress = await this.startTemporal();
    const databaseUrl = await this.startDatabase();
    const env = childEnvironment({
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_WORKFLOW_BUNDLE: this.config.temporal.workflowBundlePath ?? join(projectRoot(), 'dist', 'workflow-bundle.js'),
    });
    await this.supervise(nodeService('worker', join(__dirname, '..', 'main.worker.js'), env, this.config.dataDir));
    await this.supervise(nodeService('API', join(__dirname, '..', 'main.api.js'), env, this.config.dataDir));
    const base = `http://${this.config.http.host === '0.0.0.0' ? '127.0.0.1' : this.config.http.host}:${this.config.http.port}`;
    if (existsSync(join(this.config.webDir, 'index.html'))) say(`Web app       ${base}/   (demo users outside production: caseworker, supervisor, dinkes, auditor, admin — README)`);
    else say(`Web app       not built (${this.config.webDir} missing: npm run build makes it)`);
    say(`API           ${base}   (listening on ${this.config.http.host})`);
    say(`OpenAPI docs  ${base}/docs   (spec: ${base}/docs/openapi.json)`);
    if (this.config.temporal.address === undefined) say(`Temporal UI   http://127.0.0.1:${this.config.temporal.uiPort}`);
    say('A part that dies is restarted. Ctrl-C stops everything.');
  }

  /** Stops every part in reverse order (API, worker (drains), database, Temporal), then exits. */
  async shutdown(exitCode: number): Promise<never> {
    if (!this.stopping) {
      this.stopping = true;
      say('stopping…');
      for (const supervisor of [...this.supervisors].reverse()) {
        await supervisor.stop().catch((error: unknown) => say(`could not stop ${supervisor.name}: ${String(error)}`));
      }
      say(exitCode === 0 ? 'stopped' : 'stopped after a failure');
    }
    process.exit(exitCode);
  }

  private async supervise(component: Component): Promise<void> {
    const supervisor = new Supervisor(component.name, component.log, () => component.launch(), {
      say,
      crashLoop: (failing, restarts) => {
        say(`${failing.name} keeps dying (${restarts} restarts within a minute); giving up. Its log: ${failing.log}`);
        void this.shutdown(1);
      },
    });
    this.supervisors.push(supervisor);
    await supervisor.start().catch((error: unknown) => {
      throw new Error(`${component.name} did not start: ${error instanceof Error ? error.message : String(error)} (its log: ${component.log})`);
    });
  }

  private async startTemporal(): Promise<string> {
    const { temporal } = this.config;
    let address = temporal.address;
    if (address === undefined) {
      const server = temporalDevServer(this.config, temporal.devPort === 0 ? await freePort() : temporal.devPort);
      await this.supervise(server);
      address = server.address;
    }
    const setup = await prepareTemporal(address, temporal.namespace, temporal.retentionDays);
    const added = setup.addedSearchAttributes.length > 0 ? `, registered ${setup.addedSearchAttributes.join(', ')}` : '';
    say(`Temporal ready at ${address} (retention ${setup.retentionDays} d${added})`);
    return address;
  }

  private async startDatabase(): Promise<string> {
    const { database, dataDir, nodeEnv, auth } = this.config;
    let url = database.url;
    if (url === undefined) {
      const embedded = embeddedDatabase(this.config, database.embeddedPort === 0 ? await freePort() : database.embeddedPort);
      await this.supervise(embedded);
      url = embedded.url;
    }
    const db = { url, schema: database.schema, poolSize: 1 };
    const applied = await runMigrations(db);
    say(`database ready (${database.url ? 'DATABASE_URL' : `embedded PostgreSQL, ${join(dataDir, 'postgres')}`}); migrations applied: ${applied.length}`);
    if (nodeEnv !== 'production') {
      const seeded = await seedDemoRegion(db, auth.demoPassword, nodeEnv);
      if (seeded.length > 0) say(`demo regions Kab. Pasuruan (35.14) and Kab. Bantaeng (73.03, Puskesos → UPT SPMKS) seeded; users: ${seeded.join(', ')} (password: SINERGI_DEMO_PASSWORD)`);
    } else {
      say('production: no demo users seeded');
    }
    return url;
  }
}
