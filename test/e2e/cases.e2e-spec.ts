import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { confirmOpenedUpdate } from '../../workflows/case/case.messages';
import { eventually } from '../helpers/eventually';
import { signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

const validBody = (name = 'Budi') => ({
  channel: 'RAZIA',
  regionCode: '35.14',
  person: { name, sex: 'L', approximateAge: 34 },
});

describe('cases over HTTP (API → Temporal → worker → PostgreSQL → API)', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let temporal: { client: Client; close: () => Promise<void> };
  let token: string;

  // A provincial case worker (scope 35): may open and read cases of every kab/kota in Jawa Timur.
  const http = () => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const rowsFor = async (id: string) => (await db.query('SELECT * FROM case_view WHERE id = $1', [id])).rows;
  const caseCount = async () => Number((await db.query('SELECT count(*) FROM case_view')).rows[0].count);
  const workflowsOnQueue = async () => (await temporal.client.workflow.count(`TaskQueue = '${config.temporal.taskQueue}'`)).count;

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    temporal = await testTemporalClient(config);
    worker = await startWorker(config);
    api = await startApi(config);
    token = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '35')).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await temporal?.close();
    await db?.end();
  });

  it('opens a case: workflow running in Temporal, projection row written, GET returns it', async () => {
    const created = await http().post('/cases').send(validBody()).expect(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({ stage: 'INTAKE', channel: 'RAZIA', regionCode: '3514', version: 1 });
    expect(created.body.openedBy).toMatchObject({ role: 'CASE_WORKER', agencyCode: null });

    const description = await temporal.client.workflow.getHandle(`case-${id}`).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('caseWorkflow');

    const [row] = await rowsFor(id);
    expect(row).toMatchObject({ stage: 'INTAKE', region_code: '3514', workflow_id: `case-${id}` });
    // The read model keeps sex and age; the name is sealed under the person's key, in clear only in the registry.
    expect(row.person).toEqual({ sex: 'L', approximateAge: 34, sealed: expect.objectContaining({ $sealed: 'v1' }) as unknown });
    expect((await db.query(`SELECT name FROM case_subject WHERE case_id = $1`, [id])).rows).toEqual([{ name: 'Budi' }]);

    const read = await http().get(`/cases/${id}`).expect(200);
    // The opening answer adds the registered people the case may be about (none here).
    const { personMatches, ...opened } = created.body as { personMatches: unknown[] };
    expect(personMatches).toEqual([]);
    expect(read.body).toEqual({ ...opened, personId: null, repeat: null });
    expect(read.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await http().get(`/cases/${id}`).set('X-Request-Id', 'trace-42').expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-42');
  });

  it('lists cases with filters and paging', async () => {
    const a = (await http().post('/cases').send({ ...validBody(), regionCode: '3510' }).expect(201)).body.id;
    const list = await http().get('/cases').query({ regionCode: '35.10', stage: 'INTAKE', limit: 5 }).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(a);
    expect(list.body.items.every((c: { regionCode: string }) => c.regionCode === '3510')).toBe(true);
    expect(list.body).toMatchObject({ limit: 5, offset: 0 });
    await http().get('/cases').query({ limit: 0 }).expect(400);
  });

  it('pages by keyset (after / before) in the same order as by offset, ties on the opening time included', async () => {
    // 23 cases of Kabupaten Bangkalan (3526, no other test's), copies of one opened case's row with
    // opening times in groups of five identical to the microsecond, so the id decides within a group.
    const source = (await http().post('/cases').send({ ...validBody('Keyset'), regionCode: '3526' }).expect(201)).body.id as string;
    await db.query(
      `INSERT INTO case_view SELECT (jsonb_populate_record(NULL::case_view, to_jsonb(v) || jsonb_build_object('id', n.id, 'workflow_id', 'case-' || n.id, 'opened_at', n.at))).*
         FROM case_view v, (SELECT gen_random_uuid() AS id, timestamptz '2024-03-01 08:00:00.123456+00' + (g / 5) * interval '1 hour' AS at FROM generate_series(1, 22) g) n
        WHERE v.id = $1`,
      [source],
    );
    const expected = (await db.query<{ id: string }>(`SELECT id FROM case_view WHERE region_code = '3526' ORDER BY opened_at DESC, id ASC`)).rows.map((r) => r.id);
    expect(expected).toHaveLength(23);
    type Page = { items: { id: string }[]; total: number; offset: number; nextAfter: string | null; previousBefore: string | null };
    const page = async (query: Record<string, string | number>): Promise<Page> => (await http().get('/cases').query({ regionCode: '3526', limit: 4, ...query }).expect(200)).body as Page;
    const ids = (p: Page) => p.items.map((c) => c.id);

    const forward: Page[] = [await page({})];
    for (let last = forward[0]!; last.nextAfter !== null && forward.length < 10; last = forward[forward.length - 1]!) forward.push(await page({ after: last.nextAfter }));
    expect(forward.map(ids)).toEqual(Array.from({ length: 6 }, (_, i) => expected.slice(i * 4, i * 4 + 4)));
    expect(forward.map((p) => p.total)).toEqual(Array(6).fill(23));
    expect(forward.map((p) => p.previousBefore)).toEqual([null, ...forward.slice(1).map((p) => p.items[0]!.id)]);
    // Offset paging reads the same pages, and says where the keyset would go on.
    const byOffset = await page({ offset: 8 });
    expect(ids(byOffset)).toEqual(ids(forward[2]!));
    expect([byOffset.nextAfter, byOffset.previousBefore]).toEqual([forward[2]!.nextAfter, forward[2]!.previousBefore]);

    const backward: Page[] = [forward[forward.length - 1]!];
    for (let first = backward[0]!; first.previousBefore !== null && backward.length < 10; first = backward[backward.length - 1]!) backward.push(await page({ before: first.previousBefore }));
    expect(backward.map(ids)).toEqual([...forward].reverse().map(ids));
    expect(backward[backward.length - 1]!.nextAfter).toBe(forward[0]!.nextAfter);
    // With a filter the cursor's own position counts, whether or not the cursor case matches it.
    const filtered = await page({ stage: 'CLOSED', after: expected[3]! });
    expect([filtered.items, filtered.nextAfter, filtered.previousBefore]).toEqual([[], null, null]);

    const refused = async (query: Record<string, string | number>, field: string) => {
      const res = await http().get('/cases').query({ regionCode: '3526', ...query }).expect(400);
      expect([res.body.code, res.body.errors.map((e: { field: string }) => e.field)]).toEqual(['VALIDATION_FAILED', [field]]);
    };
    await refused({ after: 'not-a-case' }, 'after');
    await refused({ after: expected[0]!, before: expected[5]! }, 'before');
    await refused({ after: expected[0]!, offset: 4 }, 'offset');
    await refused({ before: '00000000-0000-4000-8000-000000000000' }, 'before');
    // A case outside the caller's scope is no cursor, and answers like one that does not exist.
    const pasuruan = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3514')).token;
    const outside = await request(api.getHttpServer()).get('/cases').auth(pasuruan, { type: 'bearer' }).query({ after: expected[0]! }).expect(400);
    expect(outside.body.errors).toEqual([{ field: 'after', messages: ['after must be the id of a case in your list'] }]);
  });

  it('rejects an invalid body with per-field errors and creates nothing', async () => {
    const casesBefore = await caseCount();
    const workflowsBefore = await workflowsOnQueue();
    const res = await http()
      .post('/cases')
      .send({ channel: 'WALK_IN', regionCode: '35.70', person: { name: '  ', sex: 'X', approximateAge: 200 }, nik: '1' })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['channel', 'nik', 'person.approximateAge', 'person.name', 'person.sex', 'regionCode']);
    await http().post('/cases').send({ channel: 'RAZIA', regionCode: '3514' }).expect(400);
    await http().post('/cases').set('content-type', 'application/json').send('{"channel":').expect(400);
    expect(await caseCount()).toBe(casesBefore);
    expect(await workflowsOnQueue()).toBe(workflowsBefore);
  });

  it('GET of an unknown or malformed id is a 404 / 400 with a code', async () => {
    const missing = await http().get('/cases/00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.body.code).toBe('CASE_NOT_FOUND');
    const malformed = await http().get('/cases/not-a-uuid').expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
  });

  it('a retried POST with the same Idempotency-Key returns the same case', async () => {
    const key = `retry-${Date.now()}`;
    const first = await http().post('/cases').set('Idempotency-Key', key).send(validBody('Sari')).expect(201);
    const second = await http().post('/cases').set('Idempotency-Key', key).send(validBody('Sari')).expect(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await rowsFor(first.body.id)).toHaveLength(1);
  });

  it('answers a key repeated after the case closed with the closed case, and starts no new run of it', async () => {
    const key = `after-close-${Date.now()}`;
    const first = await http().post('/cases').set('Idempotency-Key', key).send(validBody('Tono')).expect(201);
    const supervisor = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '35')).token;
    await request(api.getHttpServer()).post(`/cases/${first.body.id}/close`).auth(supervisor, { type: 'bearer' }).send({ reason: 'ABSCONDED', note: 'left the shelter' }).expect(200);
    const handle = temporal.client.workflow.getHandle(`case-${first.body.id}`);
    await eventually(async () => (await handle.describe()).status.name, (s) => s === 'COMPLETED');
    const again = await http().post('/cases').set('Idempotency-Key', key).send(validBody('Tono')).expect(201);
    expect([again.body.id, again.body.stage]).toEqual([first.body.id, 'CLOSED']);
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    const runs = async () => (await temporal.client.workflow.count(`WorkflowId = 'case-${first.body.id}'`)).count;
    expect(await eventually(runs, (n) => n > 1, 1_000)).toBe(1);
  });

  it('concurrent retries with one Idempotency-Key create exactly one case and one workflow', async () => {
    const key = `concurrent-${Date.now()}`;
    const casesBefore = await caseCount();
    const workflowsBefore = await workflowsOnQueue();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => http().post('/cases').set('Idempotency-Key', key).send(validBody('Wati'))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await caseCount()).toBe(casesBefore + 1);
    // Visibility is eventually consistent: wait until the new workflow shows, then check it is the only one.
    await eventually(workflowsOnQueue, (n) => n > workflowsBefore);
    expect(await workflowsOnQueue()).toBe(workflowsBefore + 1);
  });

  it('refuses an Idempotency-Key reused with a different body, and a malformed key', async () => {
    const key = `reuse-${Date.now()}`;
    await http().post('/cases').set('Idempotency-Key', key).send(validBody('Ani')).expect(201);
    const reused = await http().post('/cases').set('Idempotency-Key', key).send(validBody('Someone else')).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const bad = await http().post('/cases').set('Idempotency-Key', 'x'.repeat(201)).send(validBody()).expect(400);
    expect(bad.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('serves the OpenAPI spec and a health report with Temporal and the database up', async () => {
    const spec = await http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/cases', '/cases/{id}', '/health']));
    const health = await http().get('/health').expect(200);
    expect(health.body.info).toEqual({ temporal: { status: 'up' }, database: { status: 'up' }, attention: { status: 'up', casesNeedingAttention: expect.any(Number) } });
  });
});

describe('a case accepted while no worker runs', () => {
  it('answers 202 with the id, and the case appears once a worker starts', async () => {
    const config = testConfig({ SINERGI_COMMAND_TIMEOUT_MS: '1500' });
    const api = await startApi(config);
    const temporal = await testTemporalClient(config);
    const db = testPool(config);
    const { token } = await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3514');
    const http = () => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
    try {
      const accepted = await http().post('/cases').send(validBody('Dewi')).expect(202);
      expect(accepted.body.status).toBe('PENDING');
      await http().get(`/cases/${accepted.body.id}`).expect(404);

      const worker = await startWorker(config);
      try {
        // The update completes only once the projection is written: no sleeping, no polling.
        await temporal.client.workflow.getHandle(`case-${accepted.body.id}`).executeUpdate(confirmOpenedUpdate, { updateId: 'confirm-opened' });
        const read = await http().get(`/cases/${accepted.body.id}`).expect(200);
        expect(read.body.person.name).toBe('Dewi');
      } finally {
        await worker.close();
      }
    } finally {
      await api.close();
      await temporal.close();
      await db.end();
    }
  });
});
