import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { runConcurrencyCheck } from '../../scripts/load/concurrency-check';
import { SinergiHttp } from '../../scripts/load/http-client';
import { runMigrations } from '../../src/database/data-source';
import type { RunningEmbeddedDatabase } from '../../src/launcher/embedded-database';
import { startEmbeddedDatabase } from '../../src/launcher/embedded-database';
import { freePort } from '../../src/launcher/processes';
import { seedDemoRegion } from '../../src/users/demo-seed';
import { startApi, startWorker } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

/**
 * Issue 10, item 1: on the embedded default, concurrent clients got another case's data, 404s for
 * existing cases and 5xx. Reads must always be the case asked for, under concurrent reads, commands
 * and opens, through the API and worker connected to the embedded server like `npm start`'s.
 */
describe('embedded database under concurrent clients', () => {
  let dir: string;
  let db: RunningEmbeddedDatabase;
  let api: INestApplication;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sinergi-embedded-load-'));
    chmodSync(dir, 0o755);
    db = await startEmbeddedDatabase({ dataDir: dir, port: await freePort() });
    await runMigrations({ url: db.url, schema: 'public', poolSize: 1 });
    await seedDemoRegion({ url: db.url, schema: 'public', poolSize: 1 }, 'embedded-demo-pw', 'development');
    const config = testConfig({ DATABASE_URL: db.url, DATABASE_SCHEMA: 'public', DATABASE_POOL_SIZE: '10' });
    worker = await startWorker(config);
    api = await startApi(config);
    await api.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 8 clients mixing reads and commands, after 20 concurrent opens, with the right case every time', async () => {
    const http = new SinergiHttp((await api.getUrl()).replace('[::1]', '127.0.0.1'));
    const token = await http.login('caseworker', 'embedded-demo-pw');
    const report = await runConcurrencyCheck(http, token, { clients: 8, requests: 400, opens: 20 });
    expect(report).toMatchObject({ opens: 20, requests: 420, wrongCase: 0, missing: 0, serverErrors: 0, noAnswer: 0, otherUnexpected: 0 });
  });
});
