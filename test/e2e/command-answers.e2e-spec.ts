import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

/**
 * What a command answers when its result is slow: the projection is held back by a row lock taken in
 * PostgreSQL (a real, slow database), so the workflow has accepted the command but cannot show it yet.
 */
describe('command answers: accepted but slow (202), repeated, malformed (real stack)', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  const t = {} as Record<'cw' | 'supervisor' | 'auditor', string>;
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const open = async () => (await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: 'Lambat', sex: 'L', approximateAge: 50 } }).expect(201)).body as { id: string };
  const history = async (id: string) => ((await as(t.auditor).get(`/cases/${id}/history`).query({ limit: 100 }).expect(200)).body.items as { action: string; outcome: string }[]);

  /** Holds the case's read-model row until released: the projection activity waits on the lock. */
  async function holdProjection(caseId: string): Promise<() => Promise<void>> {
    const client: PoolClient = await db.connect();
    await client.query('BEGIN');
    await client.query('SELECT 1 FROM case_view WHERE id = $1 FOR UPDATE', [caseId]);
    return async () => {
      await client.query('COMMIT');
      client.release();
    };
  }

  beforeAll(async () => {
    // Above the workflow's bound on a local projection try (1 s, workflows/case/case-run.ts): the command is accepted first.
    config = testConfig({ SINERGI_COMMAND_TIMEOUT_MS: '3000' });
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    t.cw = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3514')).token;
    t.supervisor = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3514')).token;
    t.auditor = (await signedIn(api.getHttpServer(), db, 'AUDITOR', '3514')).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('answers 202 with the request id and key when the result is slow; the same request then answers the result, applied once', async () => {
    const c = await open();
    const release = await holdProjection(c.id);
    const accepted = await as(t.cw).post(`/cases/${c.id}/start-health-check`).expect(202);
    expect(accepted.body).toMatchObject({ id: c.id, status: 'ACCEPTED', idempotencyKey: expect.any(String), requestId: expect.stringContaining(':startHealthCheck:') });
    await release();
    const result = await as(t.cw).post(`/cases/${c.id}/start-health-check`).set('Idempotency-Key', accepted.body.idempotencyKey).expect(200);
    expect(result.body).toMatchObject({ stage: 'HEALTH_CHECK', version: 2 });
    expect((await history(c.id)).filter((e) => e.action === 'startHealthCheck').map((e) => e.outcome)).toEqual(['ACCEPTED']);
  });

  it('answers a repeated close that was accepted slowly with the closed case, not a refusal', async () => {
    const c = await open();
    const release = await holdProjection(c.id);
    const key = `close-${c.id}`;
    const body = { reason: 'ABSCONDED', note: 'pergi' };
    await as(t.supervisor).post(`/cases/${c.id}/close`).set('Idempotency-Key', key).send(body).expect(202);
    await release();
    const again = await as(t.supervisor).post(`/cases/${c.id}/close`).set('Idempotency-Key', key).send(body).expect(200);
    expect(again.body).toMatchObject({ id: c.id, stage: 'CLOSED', closure: body });
    expect((await history(c.id)).filter((e) => e.outcome === 'REJECTED')).toEqual([]);
  });

  it('refuses a malformed Idempotency-Key on a command before anything is sent (400)', async () => {
    const c = await open();
    const long = 'k'.repeat(1_500);
    const command = await as(t.cw).post(`/cases/${c.id}/start-health-check`).set('Idempotency-Key', long);
    expect([command.status, command.body.code]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
    expect((await as(t.cw).get(`/cases/${c.id}`).expect(200)).body.version).toBe(1);
  });

  it('refuses a NUL in a query and instants PostgreSQL would read otherwise (400, never 500)', async () => {
    for (const [path, query] of [
      ['/audit/events', 'actor=a%00b'],
      ['/audit/access-log', 'actor=%00'],
      ['/audit/events', 'from=2024-W01-1'],
      ['/audit/events', 'from=2026-02-30T00:00Z'],
      ['/audit/access-log', 'to=2024-01-01T00Z'],
    ] as const) {
      const res = await as(t.auditor).get(`${path}?${query}`);
      expect([path, query, res.status]).toEqual([path, query, 400]);
    }
    const c = await open();
    const at = await as(t.auditor).get(`/cases/${c.id}/state`).query({ at: '2024-W01-1' });
    expect([at.status, at.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
