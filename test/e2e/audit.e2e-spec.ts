import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { LedgerRow } from '../../activities/ledger';
import { LEDGER_COLUMNS, ledgerHash, recordOf } from '../../activities/ledger';
import { checkExport, checkExtends } from '../../scripts/verify-ledger-export';
import type { AppConfig } from '../../src/config/app-config';
import { APP_DB_ROLE } from '../../src/database/migrations/1764500000000-AuditLedger';
import { eventually } from '../helpers/eventually';
import { createAgency, signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, asserted field by field
type Body = Record<string, any>;

describe('audit ledger (real Temporal, real PostgreSQL)', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let temporal: { client: Client; close: () => Promise<void> };
  const t = { cw: '', cwId: '', sup: '', auditor: '', otherAuditor: '', dinkes: '', dinkesId: '' };

  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const open = async (name = 'Pak Audit') =>
    (await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name, sex: 'L', approximateAge: 50, nik: '3514011505760001' } }).expect(201)).body as Body;
  const cmd = (token: string, id: string, command: string, body: Body = {}) => as(token).post(`/cases/${id}/${command}`).send(body);
  const history = async (id: string): Promise<Body[]> => (await as(t.auditor).get(`/cases/${id}/history`).query({ limit: 100 }).expect(200)).body.items;
  const verify = async (id: string): Promise<Body> => (await as(t.auditor).get(`/cases/${id}/history/verify`).expect(200)).body;

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    temporal = await testTemporalClient(config);
    worker = await startWorker(config);
    api = await startApi(config);
    const app = api.getHttpServer();
    const cw = await signedIn(app, db, 'CASE_WORKER', '3514');
    [t.cw, t.cwId] = [cw.token, cw.id];
    t.sup = (await signedIn(app, db, 'SUPERVISOR', '3514')).token;
    t.auditor = (await signedIn(app, db, 'AUDITOR', '3514')).token;
    t.otherAuditor = (await signedIn(app, db, 'AUDITOR', '3510')).token;
    const dinkes = await signedIn(app, db, 'AGENCY_OFFICER', '3514', await createAgency(db, 'DINKES', '3514'));
    [t.dinkes, t.dinkesId] = [dinkes.token, dinkes.id];
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await temporal?.close();
    await db?.end();
  });

  it('records who did what, from which workflow event, under which protocol; refusals too, once per request', async () => {
    const c = await open();
    await cmd(t.cw, c.id, 'start-health-check').expect(200);
    const refused = () => cmd(t.cw, c.id, 'close', { reason: 'ABSCONDED', note: 'left at night' }).set('Idempotency-Key', 'close-1');
    expect((await refused()).status).toBe(403);
    expect((await refused()).status).toBe(403); // the same request again: recorded once
    const events = await history(c.id);
    const [opened, started, stage] = events;
    expect(opened).toMatchObject({ seq: 1, action: 'openCase', outcome: 'ACCEPTED', actor: { id: t.cwId, role: 'CASE_WORKER' }, regionCode: '3514', protocol: { id: '3514', version: 2 } });
    expect(opened?.prevHash).toBe('0'.repeat(64));
    expect(opened?.snapshot).toMatchObject({ caseId: c.id, stage: 'INTAKE', version: 1 });
    expect(started).toMatchObject({ action: 'startHealthCheck', outcome: 'ACCEPTED', workflowId: `case-${c.id}`, runId: expect.any(String), eventId: expect.any(Number) });
    expect(stage).toMatchObject({ action: 'stageChanged', payload: { from: 'INTAKE', to: 'HEALTH_CHECK' }, summary: 'INTAKE → HEALTH_CHECK' });
    const refusals = events.filter((e) => e.outcome === 'REJECTED');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ action: 'closeCase', actor: { id: t.cwId }, payload: { code: 'ROLE_NOT_ALLOWED' }, reason: expect.stringMatching(/supervisor/i), snapshot: null });
    // Summaries carry no personal data: neither the name nor the NIK appear in any of them.
    expect(events.map((e) => e.summary).join(' ')).not.toMatch(/Pak Audit|3514011505760001|left at night/);
  });

  it('records agency task events: delivery, claim and completion by the officer, and the case moving on', async () => {
    const c = await open();
    await cmd(t.cw, c.id, 'start-health-check').expect(200);
    const task = await eventually(
      async () => ((await as(t.dinkes).get('/tasks').query({ caseId: c.id }).expect(200)).body.items as Body[])[0],
      (found) => found !== undefined,
    );
    await as(t.dinkes).post(`/tasks/${task?.id}/claim`).expect(200);
    await as(t.dinkes).post(`/tasks/${task?.id}/complete`).send({ outcome: { result: 'FIT' } }).expect(200);
    const events = await history(c.id);
    const byDinkes = events.filter((e) => e.actor.id === t.dinkesId).map((e) => [e.action, e.agencyCode]);
    expect(byDinkes).toEqual([
      ['claimTask', 'DINKES'],
      ['completeTask', 'DINKES'],
      ['recordHealthCheck', 'DINKES'],
      ['stageChanged', 'DINKES'],
    ]);
    expect(events.find((e) => e.action === 'taskDelivered')).toMatchObject({ actor: { id: 'system', role: 'SYSTEM' }, agencyCode: 'DINKES', taskKey: task?.taskKey ?? expect.stringMatching(/^HEALTH_CHECK@/) });
    expect(await verify(c.id)).toMatchObject({ valid: true, events: events.length });
    // The task's brief (whom to examine) and its outcome (health data) are the person's data: every
    // answer of the officer's that held them is in the access log — the inbox read, the claim, the completion, the reread.
    await as(t.dinkes).get('/tasks').query({ caseId: c.id }).expect(200);
    const log = (await as(t.auditor).get('/audit/access-log').query({ caseId: c.id, actor: t.dinkesId }).expect(200)).body as { items: Body[] };
    expect(log.items.map((e) => e.route).reverse()).toEqual(['GET /tasks', 'POST /tasks/:id/<action>', 'POST /tasks/:id/<action>', 'GET /tasks']);
  });

  it('reports the first broken link when a row is altered or deleted directly in PostgreSQL as the superuser', async () => {
    const altered = await open();
    const deleted = await open();
    const rehashed = await open();
    for (const c of [altered, deleted, rehashed]) {
      await cmd(t.cw, c.id, 'start-health-check').expect(200);
      await cmd(t.cw, c.id, 'record-health-check', { result: 'FIT' }).expect(200);
      expect(await verify(c.id)).toMatchObject({ valid: true, firstBroken: null });
    }
    for (const processDb of [api.get(DataSource), worker.get(DataSource)]) expect(await processDb.query('SELECT current_user AS role')).toEqual([{ role: APP_DB_ROLE }]);
    const superuser = await db.connect();
    try {
      // The application role may not rewrite the ledger at all, and the trigger stops even the owner.
      await superuser.query(`SET ROLE ${APP_DB_ROLE}`);
      await expect(superuser.query(`UPDATE case_event SET reason = 'x' WHERE case_id = $1`, [altered.id])).rejects.toThrow(/permission denied/);
      await expect(superuser.query(`DELETE FROM case_event WHERE case_id = $1`, [altered.id])).rejects.toThrow(/permission denied/);
      await superuser.query('RESET ROLE');
      await expect(superuser.query(`DELETE FROM case_event WHERE case_id = $1`, [altered.id])).rejects.toThrow(/append-only/);
      // A superuser can switch triggers off; the chain still tells.
      await superuser.query(`SET session_replication_role = replica`);
      await superuser.query(`UPDATE case_event SET summary = 'nothing happened' WHERE case_id = $1 AND seq = 4`, [altered.id]);
      await superuser.query(`DELETE FROM case_event WHERE case_id = $1 AND seq = 3`, [deleted.id]);
      // A forger who also recomputes the row's hash correctly breaks the next link instead.
      const { rows } = await superuser.query<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM case_event WHERE case_id = $1 AND seq = 2`, [rehashed.id]);
      const forged = { ...recordOf(rows[0] as LedgerRow), summary: 'a different story' };
      expect(forged.hash).not.toBe(ledgerHash(forged));
      await superuser.query(`UPDATE case_event SET summary = $2, hash = $3 WHERE case_id = $1 AND seq = 2`, [rehashed.id, forged.summary, ledgerHash(forged)]);
      await superuser.query(`SET session_replication_role = origin`);
    } finally {
      superuser.release();
    }
    expect(await verify(altered.id)).toMatchObject({ valid: false, firstBroken: { seq: 4, problem: 'HASH_MISMATCH' } });
    expect(await verify(deleted.id)).toMatchObject({ valid: false, firstBroken: { seq: 3, problem: 'MISSING_EVENT' } });
    expect((await verify(rehashed.id)).firstBroken).toMatchObject({ seq: 3, problem: 'PREVIOUS_HASH_MISMATCH' });
  });

  it('catches a consistent rewrite of a whole chain against an export kept from before (the limit of verify)', async () => {
    const c = await open();
    await cmd(t.cw, c.id, 'start-health-check').expect(200);
    const kept = checkExport((await as(t.auditor).get(`/cases/${c.id}/history/export`).expect(200)).text).records;
    await cmd(t.cw, c.id, 'record-health-check', { result: 'FIT' }).expect(200);
    const superuser = await db.connect();
    try {
      // A superuser rewrites event 2 and recomputes every later hash and the head.
      await superuser.query('BEGIN');
      await superuser.query('SET LOCAL session_replication_role = replica');
      const { rows } = await superuser.query<LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM case_event WHERE case_id = $1 ORDER BY seq`, [c.id]);
      let prevHash = '0'.repeat(64);
      for (const row of rows) {
        const r = { ...recordOf(row), prevHash };
        if (r.seq === 2) r.summary = 'startHealthCheck (backdated)';
        r.hash = ledgerHash(r);
        await superuser.query('UPDATE case_event SET summary = $3, prev_hash = $4, hash = $5 WHERE case_id = $1 AND seq = $2', [c.id, r.seq, r.summary, r.prevHash, r.hash]);
        prevHash = r.hash;
      }
      await superuser.query('UPDATE case_ledger_head SET hash = $2 WHERE case_id = $1', [c.id, prevHash]);
      await superuser.query('COMMIT');
    } finally {
      superuser.release();
    }
    expect(await verify(c.id)).toMatchObject({ valid: true }); // from inside the database it looks fine…
    const now = checkExport((await as(t.auditor).get(`/cases/${c.id}/history/export`).expect(200)).text);
    expect(now.problems).toEqual([]);
    expect(checkExtends(kept, now.records)).toEqual(kept.slice(1).map((r) => `case ${c.id} event ${r.seq}: differs from the earlier export's`)); // …not against the kept copy
  });

  it('rebuilds the case as GET /cases/:id returned it at each moment (state?at=)', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const c = await open();
    const seen: [string, Body][] = [];
    const look = async () => {
      // The person registry's link (personId, repeat) lies outside the case's ledger: state?at= leaves it out.
      const { personId: _personId, repeat: _repeat, ...body } = (await as(t.cw).get(`/cases/${c.id}`).expect(200)).body as Body;
      seen.push([new Date().toISOString(), body]);
    };
    await look();
    await cmd(t.cw, c.id, 'start-health-check').expect(200);
    await look();
    await cmd(t.cw, c.id, 'record-health-check', { result: 'FIT' }).expect(200);
    await look();
    await cmd(t.cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-11'], decision: 'SHELTER', shelterType: 'ADULT' }).expect(200);
    await look();
    await cmd(t.sup, c.id, 'extend-shelter-stay', { days: 2, reason: 'waiting for family' }).expect(200);
    await look();
    for (const [at, body] of seen) {
      expect((await as(t.auditor).get(`/cases/${c.id}/state`).query({ at }).expect(200)).body).toEqual(body);
    }
    expect(new Set(seen.map(([, b]) => b.version)).size).toBe(seen.length);
    // The reason is stored sealed in the entry's payload and read back in the entry's reason; the stored column holds none.
    const history = (await as(t.auditor).get(`/cases/${c.id}/history`).expect(200)).body.items as { action: string; reason: string | null }[];
    expect(history.find((e) => e.action === 'extendShelterStay')?.reason).toBe('waiting for family');
    expect((await db.query(`SELECT reason FROM case_event WHERE case_id = $1 AND action = 'extendShelterStay'`, [c.id])).rows).toEqual([{ reason: null }]);
    const early = await as(t.auditor).get(`/cases/${c.id}/state`).query({ at: before });
    expect([early.status, early.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    const bad = await as(t.auditor).get(`/cases/${c.id}/state`).query({ at: 'yesterday' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('exports JSON and CSV that re-import to exactly the ledger, with spreadsheet formulas neutralised', async () => {
    const c = await open();
    await cmd(t.cw, c.id, 'start-health-check').expect(200);
    await cmd(t.cw, c.id, 'record-health-check', { result: 'FIT' }).expect(200);
    await cmd(t.cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-11'], decision: 'SHELTER', shelterType: 'ADULT' }).expect(200);
    await cmd(t.sup, c.id, 'extend-shelter-stay', { days: 1, reason: '=HYPERLINK("http://x.invalid","click")' }).expect(200);
    await cmd(t.sup, c.id, 'close', { reason: 'ABSCONDED', note: "-2+3 'quoted" }).expect(200);
    const ledger = await history(c.id);

    const json = await as(t.auditor).get(`/cases/${c.id}/history/export`).query({ format: 'json' }).expect(200);
    expect(json.headers['content-disposition']).toBe(`attachment; filename="case-${c.id}-history.json"`);
    const fromJson = checkExport(json.text);
    expect(fromJson.problems).toEqual([]);
    // The file holds the ledger as stored (personal text sealed, docs/personal-data.md); the API's history opens it.
    expect(fromJson.records.map((r) => [r.seq, r.hash])).toEqual(ledger.map((r) => [r.seq, r.hash]));
    expect(json.text).not.toContain('HYPERLINK');

    const csv = await as(t.auditor).get(`/cases/${c.id}/history/export`).query({ format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).not.toMatch(/(^|,)[=+\-@]/m);
    const fromCsv = checkExport(csv.text);
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.records).toEqual(fromJson.records);

    // Asked for, the personal text comes in its own section (JSON only), the records unchanged.
    const asked = await as(t.auditor).get(`/cases/${c.id}/history/export`).query({ personal: 'true' }).expect(200);
    const withPersonal = JSON.parse(asked.text) as { records: unknown[]; personal: unknown[] };
    expect(withPersonal.records).toEqual(fromJson.records);
    expect(JSON.stringify(withPersonal.personal)).toContain('HYPERLINK');
    await as(t.auditor).get(`/cases/${c.id}/history/export`).query({ personal: 'true', format: 'csv' }).expect(400);

    // A changed byte in the file is caught without the server.
    const tampered = checkExport(csv.text.replace('ABSCONDED', 'ABSCONDEX'));
    expect(tampered.problems).toEqual([expect.stringMatching(/event \d+: hash does not match/)]);
  });

  it('finds events across cases by actor, agency, action, region and time, within the auditor scope only', async () => {
    const from = new Date().toISOString();
    const c = await open();
    await cmd(t.cw, c.id, 'start-health-check').expect(200);
    const to = new Date(Date.now() + 1000).toISOString();
    const search = async (q: Body) => (await as(t.auditor).get('/audit/events').query({ limit: 100, ...q }).expect(200)).body as { items: Body[]; total: number };
    const mine = await search({ actor: t.cwId, from, to });
    expect(mine.items.filter((e) => e.caseId === c.id).map((e) => e.action)).toEqual(['openCase', 'startHealthCheck', 'stageChanged']);
    expect(mine.items.every((e) => e.actor.id === t.cwId)).toBe(true);
    expect((await search({ action: 'taskOrdered', agency: 'DINKES', region: '3514', from })).items.some((e) => e.caseId === c.id)).toBe(true);
    expect((await search({ action: 'openCase', from: to })).items.some((e) => e.caseId === c.id)).toBe(false);
    expect((await search({ outcome: 'REJECTED', caseId: c.id })).total).toBe(0);
    for (const bad of [{ from: 'yesterday' }, { limit: 1000 }, { region: '35.14' }, { outcome: 'MAYBE' }, { agency: "x' OR 1=1" }, { bogus: 1 }]) {
      const res = await as(t.auditor).get('/audit/events').query(bad);
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
    const outside = await as(t.otherAuditor).get('/audit/events').query({ region: '3514' });
    expect([outside.status, outside.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect(((await as(t.otherAuditor).get('/audit/events').query({ caseId: c.id }).expect(200)).body as { total: number }).total).toBe(0);
    expect((await as(t.otherAuditor).get(`/cases/${c.id}/history`)).status).toBe(404); // another region's case looks absent

    const exported = await as(t.auditor).get('/audit/events/export').query({ actor: t.cwId, from, to, format: 'csv' }).expect(200);
    const { records, problems } = checkExport(exported.text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.hash)).toEqual(mine.items.map((e) => e.hash));
  });

  it('records every read of personal data, auditors included, and lets auditors query the record', async () => {
    const c = await open();
    const read = await as(t.cw).get(`/cases/${c.id}`).set('X-Request-Id', 'audit-read-1').expect(200);
    expect(read.headers['x-request-id']).toBe('audit-read-1');
    await as(t.cw).get('/cases').query({ limit: 100 }).expect(200);
    await as(t.auditor).get(`/cases/${c.id}/history`).expect(200);
    const log = (await as(t.auditor).get('/audit/access-log').query({ caseId: c.id, limit: 100 }).expect(200)).body as { items: Body[]; total: number };
    const reads = log.items.map((e) => [e.actorId === t.cwId ? 'caseworker' : e.actorRole, e.route]).reverse();
    expect(reads).toEqual([
      ['caseworker', 'POST /cases'],
      ['caseworker', 'GET /cases/:id'],
      ['caseworker', 'GET /cases'],
      ['AUDITOR', 'GET /cases/:id/history'],
    ]);
    expect(log.items.find((e) => e.route === 'GET /cases/:id')?.requestId).toBe('audit-read-1');
    expect(log.items.every((e) => typeof e.requestId === 'string')).toBe(true);
    const theirs = (await as(t.auditor).get('/audit/access-log').query({ actor: t.cwId, limit: 100 }).expect(200)).body as { items: Body[] };
    expect(theirs.items.every((e) => e.actorId === t.cwId)).toBe(true);
    expect((await as(t.otherAuditor).get('/audit/access-log').query({ caseId: c.id }).expect(200)).body.total).toBe(0);
    expect((await as(t.cw).get('/audit/access-log')).status).toBe(403);
  });

  it('keeps a closed case fully auditable after Temporal has deleted its workflow', async () => {
    const c = await open();
    await cmd(t.cw, c.id, 'start-health-check').expect(200);
    const midway = new Date().toISOString();
    const { personId: _personId, repeat: _repeat, ...atMidway } = (await as(t.cw).get(`/cases/${c.id}`).expect(200)).body as Body;
    await cmd(t.sup, c.id, 'close', { reason: 'ABSCONDED', note: 'left the shelter' }).expect(200);
    const before = await history(c.id);
    const handle = temporal.client.workflow.getHandle(`case-${c.id}`);
    await handle.result(); // the run ends right after the close is answered
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    await temporal.client.workflowService.deleteWorkflowExecution({ namespace: config.temporal.namespace, workflowExecution: { workflowId: `case-${c.id}` } });
    await eventually(
      () => handle.describe().then(() => 'still there', (e: unknown) => (e instanceof WorkflowNotFoundError ? 'gone' : 'error')),
      (state) => state === 'gone',
    );
    expect(await history(c.id)).toEqual(before);
    expect(await verify(c.id)).toMatchObject({ valid: true, events: before.length });
    expect((await as(t.auditor).get(`/cases/${c.id}/state`).query({ at: midway }).expect(200)).body).toEqual(atMidway);
    expect((await as(t.auditor).get(`/cases/${c.id}/state`).query({ at: new Date().toISOString() }).expect(200)).body).toMatchObject({ stage: 'CLOSED', closure: { reason: 'ABSCONDED' } });
    const exported = checkExport((await as(t.auditor).get(`/cases/${c.id}/history/export`).expect(200)).text);
    expect([exported.problems, exported.records.length]).toEqual([[], before.length]);
  });
});
