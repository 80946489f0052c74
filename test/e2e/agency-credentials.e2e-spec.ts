import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import { createAgency, signedIn } from '../helpers/identity';
import { startApi, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, asserted field by field
type Body = Record<string, any>;

/** Kota Malang: a region of this file's own; Kota Probolinggo is the other region. */
const REGION = '3573';
const OTHER_REGION = '3574';

/**
 * The two-person rule for agency API keys (docs/security.md): an admin issues a key, which stays
 * PENDING_CONFIRMATION and authenticates nothing until a supervisor of the agency's region confirms it
 * and alone receives the key. An admin alone never holds a working key.
 */
describe('agency API keys: an admin issues, a supervisor of the region confirms and receives the key', () => {
  let api: INestApplication;
  let db: Pool;
  const t = { admin: '', supervisor: '', supervisorId: '', provincialSupervisor: '', otherSupervisor: '', officer: '', auditor: '', agency: '' };

  const http = () => request(api.getHttpServer());
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const issue = async (label = 'SIMRS'): Promise<Body> => (await as(t.admin).post(`/agencies/${t.agency}/credentials`).send({ label }).expect(201)).body;
  const confirm = (token: string, keyId: string) => as(token).post(`/agencies/${t.agency}/credentials/${keyId}/confirm`);
  const withKey = (apiKey: string) => http().get('/tasks').set('X-Api-Key', apiKey);
  const listed = async (token: string, keyId: string): Promise<Body | undefined> =>
    ((await as(token).get(`/agencies/${t.agency}/credentials`).expect(200)).body as Body[]).find((c) => c.keyId === keyId);

  beforeAll(async () => {
    const config = testConfig();
    db = testPool(config);
    api = await startApi(config);
    const app = api.getHttpServer();
    t.agency = await createAgency(db, 'DINKES', REGION);
    t.admin = (await signedIn(app, db, 'ADMIN', REGION)).token;
    const supervisor = await signedIn(app, db, 'SUPERVISOR', REGION);
    [t.supervisor, t.supervisorId] = [supervisor.token, supervisor.id];
    t.provincialSupervisor = (await signedIn(app, db, 'SUPERVISOR', '35')).token;
    t.otherSupervisor = (await signedIn(app, db, 'SUPERVISOR', OTHER_REGION)).token;
    t.officer = (await signedIn(app, db, 'AGENCY_OFFICER', REGION, t.agency)).token;
    t.auditor = (await signedIn(app, db, 'AUDITOR', REGION)).token;
  });

  afterAll(async () => {
    await api?.close();
    await db?.end();
  });

  it('gives an admin alone no working key: the issued key is pending, holds no secret and authenticates nothing', async () => {
    const issued = await issue();
    // Whatever the admin holds (before the two-person rule: the key itself) or guesses for this key id is refused.
    for (const apiKey of [issued.apiKey, `${issued.keyId}.`, `${issued.keyId}.${'A'.repeat(43)}`].filter((k): k is string => typeof k === 'string')) {
      const res = await withKey(apiKey);
      expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect(issued).toMatchObject({ keyId: expect.stringMatching(/^ak-/), label: 'SIMRS', status: 'PENDING_CONFIRMATION', confirmedAt: null, confirmedBy: null });
    expect(issued).not.toHaveProperty('apiKey');
    const { rows } = await db.query('SELECT secret_hash, confirmed_by, confirmed_at FROM agency_credential WHERE key_id = $1', [issued.keyId]);
    expect(rows).toEqual([{ secret_hash: null, confirmed_by: null, confirmed_at: null }]);
    expect(await listed(t.admin, issued.keyId)).toMatchObject({ status: 'PENDING_CONFIRMATION' });
  });

  it('lets a supervisor of the region see the pending key, confirm it once and receive the key, which then works', async () => {
    const { keyId } = await issue('SIMRS RSUD');
    expect(await listed(t.supervisor, keyId)).toMatchObject({ keyId, status: 'PENDING_CONFIRMATION' });

    const answer = await confirm(t.supervisor, keyId).expect(200);
    expect(answer.headers['cache-control']).toBe('no-store'); // nothing on the way keeps the key
    const confirmed = answer.body as Body;
    expect(confirmed).toMatchObject({ keyId, label: 'SIMRS RSUD', status: 'ACTIVE', confirmedAt: expect.any(String), confirmedBy: t.supervisorId, apiKey: expect.stringMatching(new RegExp(`^${keyId}\\.`)) });
    await withKey(confirmed.apiKey).expect(200);
    expect((await http().get('/auth/me').set('X-Api-Key', confirmed.apiKey).expect(200)).body).toMatchObject({ role: 'AGENCY_SYSTEM', agencyId: t.agency, regionCode: REGION });
    const { rows } = await db.query('SELECT confirmed_by FROM agency_credential WHERE key_id = $1', [keyId]);
    expect(rows).toEqual([{ confirmed_by: t.supervisorId }]);

    // Shown once: not in any list, and a second confirmation issues nothing.
    const secret = (confirmed.apiKey as string).split('.')[1] as string;
    const list = await as(t.admin).get(`/agencies/${t.agency}/credentials`).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body).toContainEqual(expect.objectContaining({ keyId, status: 'ACTIVE' }));
    for (const token of [t.supervisor, t.provincialSupervisor]) {
      const again = await confirm(token, keyId);
      expect([again.status, again.body.code]).toEqual([409, 'CREDENTIAL_NOT_PENDING']);
      expect(JSON.stringify(again.body)).not.toContain(secret);
    }
    await withKey(confirmed.apiKey).expect(200); // the first key still works
  });

  it('lets a provincial supervisor confirm a key of a kab/kota in the province', async () => {
    const { keyId } = await issue('SIMRS provinsi');
    const confirmed = await confirm(t.provincialSupervisor, keyId).expect(200);
    await withKey(confirmed.body.apiKey).expect(200);
  });

  it('refuses the confirmation to an admin and an agency officer (403), and to a supervisor of another region as if the agency did not exist', async () => {
    const { keyId } = await issue('SIMRS refused');
    for (const token of [t.admin, t.officer, t.auditor]) {
      const res = await confirm(token, keyId);
      expect([res.status, res.body.code]).toEqual([403, 'PERMISSION_DENIED']);
    }
    const elsewhere = await confirm(t.otherSupervisor, keyId);
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'AGENCY_NOT_FOUND']);
    const listElsewhere = await as(t.otherSupervisor).get(`/agencies/${t.agency}/credentials`);
    expect([listElsewhere.status, listElsewhere.body.code]).toEqual([404, 'AGENCY_NOT_FOUND']);
    const unknown = await confirm(t.supervisor, 'ak-000000000000000000');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'CREDENTIAL_NOT_FOUND']);
    expect(await listed(t.admin, keyId)).toMatchObject({ status: 'PENDING_CONFIRMATION' }); // nothing changed

    // The refusal from another region is in the security log, shown to this region's auditors.
    const refused = await as(t.auditor).get('/audit/security-events').query({ action: 'OUT_OF_SCOPE', target: t.agency, limit: 100 }).expect(200);
    expect(refused.body.items).toContainEqual(
      expect.objectContaining({ actor: expect.objectContaining({ role: 'SUPERVISOR', regionCode: OTHER_REGION }), detail: { route: 'POST /agencies/:id/credentials/:keyId/confirm', code: 'AGENCY_NOT_FOUND' } }),
    );
  });

  it('lets an admin revoke a pending key, which can then never be confirmed, and an active one, which stops working', async () => {
    const pending = await issue('SIMRS revoked pending');
    await as(t.admin).delete(`/agencies/${t.agency}/credentials/${pending.keyId}`).expect(204);
    expect(await listed(t.supervisor, pending.keyId)).toMatchObject({ status: 'REVOKED', revokedAt: expect.any(String) });
    const late = await confirm(t.supervisor, pending.keyId);
    expect([late.status, late.body.code]).toEqual([409, 'CREDENTIAL_NOT_PENDING']);

    const active = await issue('SIMRS revoked active');
    const { apiKey } = (await confirm(t.supervisor, active.keyId).expect(200)).body as Body;
    await withKey(apiKey).expect(200);
    await as(t.admin).delete(`/agencies/${t.agency}/credentials/${active.keyId}`).expect(204);
    await withKey(apiKey).expect(401);
    expect(await listed(t.admin, active.keyId)).toMatchObject({ status: 'REVOKED' });
  });

  it('records the issue by the admin and the confirmation by the supervisor in the security log', async () => {
    const { keyId } = await issue('SIMRS logged');
    await confirm(t.supervisor, keyId).expect(200);
    const events = await as(t.auditor).get('/audit/security-events').query({ targetKind: 'credential', target: keyId }).expect(200);
    expect((events.body.items as Body[]).map((e) => `${e.action} ${e.outcome} ${e.actor.role}`).reverse()).toEqual(['CREDENTIAL_ISSUED DONE ADMIN', 'CREDENTIAL_CONFIRMED DONE SUPERVISOR']);
    expect(events.body.items[0]).toMatchObject({ actor: { id: t.supervisorId }, target: { kind: 'credential', id: keyId, regionCode: REGION }, detail: { agencyCode: 'DINKES' } });
  });

  it('holds key labels and agency names to the free-text rule (NFC, no control, bidirectional or invisible characters)', async () => {
    for (const bad of ['a\u0000b', 'a\u001Bb', 'SIMRS\u202Eodnas', 'SI\u200BMRS', 'SIMRS\uD800', ' ', 'x'.repeat(201)]) {
      const label = await as(t.admin).post(`/agencies/${t.agency}/credentials`).send({ label: bad });
      expect(['label', label.status, label.body.code]).toEqual(['label', 400, 'VALIDATION_FAILED']);
      const created = await as(t.admin).post('/agencies').send({ code: 'DISDIK', regionCode: REGION, name: bad });
      expect(['create', created.status, created.body.code]).toEqual(['create', 400, 'VALIDATION_FAILED']);
      const renamed = await as(t.admin).patch(`/agencies/${t.agency}`).send({ name: bad });
      expect(['rename', renamed.status, renamed.body.code]).toEqual(['rename', 400, 'VALIDATION_FAILED']);
    }
    expect((await issue('  Jose\u0301 SIMRS  ')).label).toBe('José SIMRS');
    const renamed = await as(t.admin).patch(`/agencies/${t.agency}`).send({ name: ' Dinas Kesehatan Kota Male\u0301ng ' }).expect(200);
    expect(renamed.body.name).toBe('Dinas Kesehatan Kota Maléng');
  });
});
