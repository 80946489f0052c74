import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MIGRATIONS, runMigrations } from '../../src/database/data-source';
import { seedDemoRegion } from '../../src/users/demo-seed';
import type { EmbeddedDatabase } from '../../src/launcher/embedded-database';
import { startEmbeddedDatabase } from '../../src/launcher/embedded-database';
import { startApi, startWorker } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

/** The `npm start` default without DATABASE_URL: PGlite served over the wire protocol to API and worker. */
describe('embedded PostgreSQL (PGlite over pglite-socket)', () => {
  let dir: string;
  let db: EmbeddedDatabase;
  let api: INestApplication;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sinergi-pglite-'));
    db = await startEmbeddedDatabase(join(dir, 'pglite'), 0);
    expect(await runMigrations({ url: db.url, schema: 'public', poolSize: 1 })).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await seedDemoRegion({ url: db.url, schema: 'public', poolSize: 1 }, 'embedded-demo-pw')).toContain('caseworker');
    const config = testConfig({ DATABASE_URL: db.url, DATABASE_SCHEMA: 'public' });
    worker = await startWorker(config);
    api = await startApi(config);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.stop();
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
    expect((await http().get(`/cases/${created.body.id}`).expect(200)).body).toEqual(created.body);
    expect((await http().get('/cases').expect(200)).body.total).toBe(1);
    expect((await http().get('/health').expect(200)).body.info.database.status).toBe('up');
    // PGlite ignores the connection's startup options (no SET ROLE here, docs/audit.md); the trigger
    // still keeps the ledger append-only for whoever is connected.
    await expect(api.get(DataSource).query('DELETE FROM case_event')).rejects.toThrow(/case_event is append-only: DELETE refused/);
    expect((await api.get(DataSource).query<{ n: number }[]>('SELECT count(*)::int AS n FROM case_event'))[0]?.n).toBeGreaterThan(0);
  });

  it('keeps data across a restart of the embedded server', async () => {
    await api.close();
    await worker.close();
    await db.stop();
    db = await startEmbeddedDatabase(join(dir, 'pglite'), 0);
    expect(await runMigrations({ url: db.url, schema: 'public', poolSize: 1 })).toEqual([]);
    expect(await seedDemoRegion({ url: db.url, schema: 'public', poolSize: 1 }, 'embedded-demo-pw')).toEqual([]);
    const config = testConfig({ DATABASE_URL: db.url, DATABASE_SCHEMA: 'public' });
    worker = await startWorker(config);
    api = await startApi(config);
    const list = await request(api.getHttpServer()).get('/cases').auth(await signIn(), { type: 'bearer' }).expect(200);
    expect(list.body.items.map((c: { person: { name: string } }) => c.person.name)).toEqual(['Pak Tua']);
  });
});
