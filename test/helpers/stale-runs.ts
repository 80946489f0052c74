import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { isAlive, PidFile } from '../../src/launcher/processes';

const PREFIX = 'sinergi-test-';

/** Records what this run owns, so a later run can clean up if this one is killed before teardown. */
export function recordRun(dir: string, databaseUrl: string, schema: string): void {
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ owner: process.pid, databaseUrl, schema }));
}

/** Reaps runs whose Jest process is gone: their Temporal server, their schema, their temp folder. */
export async function reapStaleRuns(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    const runFile = join(dir, 'run.json');
    if (!existsSync(runFile)) continue;
    const run = JSON.parse(readFileSync(runFile, 'utf8')) as { owner: number; databaseUrl: string; schema: string };
    if (isAlive(run.owner)) continue;
    new PidFile(join(dir, 'temporal.pid'), 'start-dev').killStale();
    const client = new Client({ connectionString: run.databaseUrl });
    await client.connect().then(
      () => client.query(`DROP SCHEMA IF EXISTS "${run.schema}" CASCADE`).finally(() => client.end()),
      () => undefined,
    );
    rmSync(dir, { recursive: true, force: true });
  }
}
