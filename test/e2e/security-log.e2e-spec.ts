import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config';
import { APP_DB_ROLE } from '../../src/database/migrations/1764500000000-AuditLedger';
import { signedIn } from '../helpers/identity';
import { startApi, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, asserted field by field
type Body = Record<string, any>;

/** Kota Batu: a region of this file's own; the other region is Kota Surabaya. */
const REGION = '3579';
const OTHER_REGION = '3578';
const SECRETS = { displayName: 'Siti Rahmawati Uji', password: 'Very-Secret-Setup-Pw-4711', newPassword: 'Another-Secret-Pw-0815', webhookSecret: 'webhook-secret-0123456789abcdef' };

describe('security log: user, agency and credential management, where auditors see it', () => {
  let config: AppConfig;
  let api: INestApplication;
  let db: Pool;
  const t = { admin: '', adminId: '', supervisor: '', supervisorId: '', auditor: '', otherAuditor: '', otherAdmin: '' };
  const written: string[] = [];
  const leaked: string[] = [];
  const ids = { user: '', agency: '', keyId: '' };
  const requestId = `create-${Date.now()}`;

  const http = () => request(api.getHttpServer());
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const events = async (token: string, query: Body = {}): Promise<Body> =>
    (await as(token).get('/audit/security-events').query({ limit: 100, ...query }).expect(200)).body;
  const touching = (ids: string[]) => (e: Body) => ids.includes(e.target?.id);

  beforeAll(async () => {
    // Trace level: every log line the server can write is there to search for secrets.
    config = testConfig({ LOG_LEVEL: 'trace' });
    db = testPool(config);
    api = await startApi(config);
    const app = api.getHttpServer();
    const admin = await signedIn(app, db, 'ADMIN', REGION);
    const supervisor = await signedIn(app, db, 'SUPERVISOR', REGION);
    Object.assign(t, { admin: admin.token, adminId: admin.id, supervisor: supervisor.token, supervisorId: supervisor.id });
    t.auditor = (await signedIn(app, db, 'AUDITOR', REGION)).token;
    t.otherAuditor = (await signedIn(app, db, 'AUDITOR', OTHER_REGION)).token;
    t.otherAdmin = (await signedIn(app, db, 'ADMIN', OTHER_REGION)).token;
    await manageEverything();
  });

  afterAll(async () => {
    await api?.close();
    await db?.end();
  });

  /** Everything written to standard output (the JSON logs) while `work` runs. */
  async function capturingLogs(work: () => Promise<void>): Promise<void> {
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    try {
      await work();
    } finally {
      process.stdout.write = original;
    }
  }

  /** The whole management flow, once, with the logs captured: what the tests below read. */
  async function manageEverything(): Promise<void> {
    await capturingLogs(async () => {
      const username = `seclog-${Date.now().toString(36)}`;
      const created = await as(t.admin).post('/users').set('X-Request-Id', requestId).send({ username, displayName: SECRETS.displayName, role: 'CASE_WORKER', regionCode: REGION }).expect(201);
      ids.user = created.body.id;
      const { setupCode } = (await as(t.supervisor).post(`/users/${ids.user}/confirm`).expect(200)).body;
      await http().post('/auth/setup-password').send({ setupCode, password: SECRETS.password }).expect(204);
      await http().post('/auth/setup-password').send({ setupCode, password: SECRETS.password }).expect(401);
      const session = (await http().post('/auth/login').send({ username, password: SECRETS.password }).expect(200)).body;
      await as(session.accessToken).post('/auth/password').send({ currentPassword: SECRETS.password, newPassword: SECRETS.newPassword }).expect(200);
      await as(t.admin).patch(`/users/${ids.user}`).send({ displayName: `${SECRETS.displayName} Baru` }).expect(200);
      await as(t.admin).patch(`/users/${ids.user}`).send({ active: false }).expect(200);
      await as(t.admin).patch(`/users/${ids.user}`).send({ active: true }).expect(200);
      await as(t.admin).post(`/users/${ids.user}/reset-password`).expect(200);
      await as(t.otherAdmin).get(`/users/${ids.user}`).expect(404);
      const agency = await as(t.admin).post('/agencies').set('X-Request-Id', `${requestId}-agency`).send({ code: `SEC_${Date.now() % 1e8}`, regionCode: REGION, name: 'Dinas Uji' }).expect(201);
      ids.agency = agency.body.id;
      for (const empty of [{}, { name: null }]) await as(t.admin).patch(`/agencies/${ids.agency}`).send(empty).expect(400); // changes (and records) nothing
      await as(t.admin).patch(`/agencies/${ids.agency}`).send({ name: 'Dinas Uji Baru', webhookUrl: 'https://example.test/hook', webhookSecret: SECRETS.webhookSecret }).expect(200);
      const issued = await as(t.admin).post(`/agencies/${ids.agency}/credentials`).send({ label: 'SIMRS' }).expect(201);
      ids.keyId = issued.body.keyId;
      expect(issued.body).not.toHaveProperty('apiKey'); // the admin never holds the key
      const key = await as(t.supervisor).post(`/agencies/${ids.agency}/credentials/${ids.keyId}/confirm`).expect(200);
      leaked.push(key.body.apiKey.split('.')[1], setupCode, setupCode.replace(/-/g, ''));
      await as(t.admin).delete(`/agencies/${ids.agency}/credentials/${ids.keyId}`).expect(204);
      await as(t.admin).delete(`/agencies/${ids.agency}/credentials/${ids.keyId}`).expect(204); // already revoked: nothing to record
      await as(t.otherAdmin).post(`/agencies/${ids.agency}/credentials`).send({ label: 'foreign' }).expect(404); // another region's agency looks absent
    });
  }

  it('records every management action, and shows it to auditors of the region only', async () => {
    const ours = (await events(t.auditor)).items.filter(touching([ids.user, ids.agency, ids.keyId])).reverse();
    expect(ours.map((e: Body) => `${e.action} ${e.outcome} ${e.actor?.role ?? 'anonymous'}`)).toEqual([
      'USER_CREATED DONE ADMIN',
      'USER_CONFIRMED DONE SUPERVISOR',
      'PASSWORD_SETUP DONE CASE_WORKER',
      'PASSWORD_CHANGED DONE CASE_WORKER',
      'USER_RENAMED DONE ADMIN',
      'USER_DEACTIVATED DONE ADMIN',
      'USER_REACTIVATED DONE ADMIN',
      'PASSWORD_RESET_REQUESTED DONE ADMIN',
      'OUT_OF_SCOPE REFUSED ADMIN',
      'AGENCY_CREATED DONE ADMIN',
      'AGENCY_UPDATED DONE ADMIN',
      'CREDENTIAL_ISSUED DONE ADMIN',
      'CREDENTIAL_CONFIRMED DONE SUPERVISOR',
      'CREDENTIAL_REVOKED DONE ADMIN',
      'OUT_OF_SCOPE REFUSED ADMIN',
    ]);
    const [created, confirmed] = ours as [Body, Body];
    expect(created).toMatchObject({
      actor: { id: t.adminId, role: 'ADMIN', regionCode: REGION, agencyCode: null },
      target: { kind: 'user', id: ids.user, regionCode: REGION },
      requestId,
      detail: { role: 'CASE_WORKER', status: 'PENDING_CONFIRMATION' },
    });
    expect(confirmed.detail).toEqual({ role: 'CASE_WORKER', status: 'PENDING_SETUP', setupCodeExpiresAt: expect.any(String) });
    expect(ours[8].detail).toEqual({ route: 'GET /users/:id', code: 'USER_NOT_FOUND' });
    expect(ours[9]).toMatchObject({ target: { kind: 'agency', id: ids.agency, regionCode: REGION }, requestId: `${requestId}-agency`, detail: { agencyCode: expect.stringMatching(/^SEC_/) } });
    expect(ours[10].detail).toEqual({ agencyCode: expect.stringMatching(/^SEC_/), fields: ['name', 'webhook'] });
    expect(ours[11].target).toEqual({ kind: 'credential', id: ids.keyId, regionCode: REGION });
    expect(ours[12]).toMatchObject({ actor: { id: t.supervisorId }, target: { kind: 'credential', id: ids.keyId, regionCode: REGION }, detail: { agencyCode: expect.stringMatching(/^SEC_/) } });
    expect(ours[14]).toMatchObject({ target: { kind: 'agency', id: ids.agency }, detail: { route: 'POST /agencies/:id/credentials', code: 'AGENCY_NOT_FOUND' } });

    // The used code matched no account: an anonymous refusal with no region, kept in the table only.
    const { rows: anonymous } = await db.query(`SELECT detail FROM security_event WHERE actor_id IS NULL AND target_id IS NULL AND occurred_at > now() - interval '1 minute'`);
    expect(anonymous).toContainEqual({ detail: { code: 'INVALID_SETUP_CODE' } });

    // An auditor of another region sees nothing of this region's accounts, nor the refusals their own
    // region's people met here: those events would tell which ids exist outside their scope.
    const theirs = (await events(t.otherAuditor)).items.filter(touching([ids.user, ids.agency, ids.keyId]));
    expect(theirs).toEqual([]);

    // Filters and paging.
    expect((await events(t.auditor, { action: 'USER_CONFIRMED', target: ids.user })).items.map((e: Body) => e.actor.id)).toEqual([t.supervisorId]);
    expect((await events(t.auditor, { actor: t.supervisorId, targetKind: 'user' })).items.every((e: Body) => e.actor.id === t.supervisorId)).toBe(true);
    expect((await events(t.auditor, { target: ids.keyId, outcome: 'DONE' })).items.map((e: Body) => e.action)).toEqual(['CREDENTIAL_REVOKED', 'CREDENTIAL_CONFIRMED', 'CREDENTIAL_ISSUED']);
    const page = await events(t.auditor, { target: ids.user, limit: 2, offset: 1 });
    expect([page.items.length, page.total]).toEqual([2, 9]);
    expect((await events(t.auditor, { target: ids.user, from: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);
    for (const bad of [{ action: 'drop table' }, { targetKind: 'citizen' }, { from: 'yesterday' }, { limit: 0 }]) {
      const res = await as(t.auditor).get('/audit/security-events').query(bad);
      expect([JSON.stringify(bad), res.status, res.body.code]).toEqual([JSON.stringify(bad), 400, 'VALIDATION_FAILED']);
    }
  });

  it('holds nothing personal or secret, and neither do the logs', async () => {
    expect(written.join('').length).toBeGreaterThan(1000); // trace logging was on: there was something to leak into
    const { rows } = await db.query(`SELECT (SELECT json_agg(e) FROM security_event e)::text AS log, (SELECT json_agg(h) FROM (SELECT password_hash, setup_code_hash FROM app_user UNION ALL SELECT secret_hash, NULL FROM agency_credential) h)::text AS hashes`);
    const { log, hashes } = rows[0] as { log: string; hashes: string };
    const hashValues = [...hashes.matchAll(/"(\$argon2[^"]+|[0-9a-f]{64})"/g)].map((m) => m[1] as string);
    expect(hashValues.length).toBeGreaterThan(0);
    for (const secret of [...Object.values(SECRETS), ...leaked, ...hashValues]) {
      expect([secret, log.includes(secret), written.join('').includes(secret)]).toEqual([secret, false, false]);
    }
  });

  it('is append-only: the application role may only add to it, and a trigger stops even the owner', async () => {
    expect(await api.get(DataSource).query('SELECT current_user AS role')).toEqual([{ role: APP_DB_ROLE }]);
    const owner = await db.connect();
    try {
      await owner.query(`SET ROLE ${APP_DB_ROLE}`);
      await expect(owner.query(`UPDATE security_event SET action = 'USER_RENAMED'`)).rejects.toThrow(/permission denied/);
      await expect(owner.query(`DELETE FROM security_event`)).rejects.toThrow(/permission denied/);
      await owner.query('RESET ROLE');
      await expect(owner.query(`DELETE FROM security_event`)).rejects.toThrow(/security_event is append-only: DELETE refused/);
      await expect(owner.query(`TRUNCATE security_event`)).rejects.toThrow(/append-only/);
    } finally {
      owner.release();
    }
  });
});
