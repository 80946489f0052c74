import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { TEST_ENV } from './helpers/test-stack';

/** Stops the run's Temporal server and drops the run's schema and temp files. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.sinergiTestServer?.stop();
  const url = process.env[TEST_ENV.databaseUrl];
  const schema = process.env[TEST_ENV.databaseSchema];
  if (url !== undefined && schema !== undefined) {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
  if (globalThis.sinergiTestTmp !== undefined) rmSync(globalThis.sinergiTestTmp, { recursive: true, force: true });
}
