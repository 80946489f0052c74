import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { eventually } from '../helpers/eventually';
import { createAgency, signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Body = Record<string, unknown>;
type Task = { type: string; status: string; agencyCode: string; closedAt: string | null };
type Entry = { seq: number; action: string; outcome: string; actor: { name: string; role: string }; summary: string; stage: string | null };

/**
 * What a case's page reads beside the case (real Temporal, real PostgreSQL): the caller's next actions
 * from the stage machine, the case's agency tasks and its timeline — for the case team, in scope only.
 */
describe('case details: allowed actions, tasks and timeline for the case team', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let config: AppConfig;
  const t = { cw: '', sup: '', auditor: '', elsewhere: '' };
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const get = async (token: string, path: string, status = 200) => (await as(token).get(path).expect(status)).body as Body;
  const actions = async (token: string, id: string) => (await get(token, `/cases/${id}/actions`)).allowedActions as string[];
  const tasks = async (token: string, id: string) => (await get(token, `/cases/${id}/tasks`)).items as Task[];
  const timeline = async (token: string, id: string) => (await get(token, `/cases/${id}/timeline?limit=100`)) as { items: Entry[]; total: number };

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    await createAgency(db, 'DINKES', '3514');
    worker = await startWorker(config);
    api = await startApi(config);
    t.cw = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3514')).token;
    t.sup = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3514')).token;
    t.auditor = (await signedIn(api.getHttpServer(), db, 'AUDITOR', '3514')).token;
    t.elsewhere = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3510')).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it("offers the acknowledgement of a repatriation only to the person's home region, which alone may give it", async () => {
    const opened = await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', originRegionCode: '3510', person: { name: 'Pak R', sex: 'L', approximateAge: 38 } }).expect(201);
    const id = (opened.body as { id: string }).id;
    await as(t.cw).post(`/cases/${id}/start-health-check`).expect(200);
    await as(t.cw).post(`/cases/${id}/record-health-check`).send({ result: 'FIT' }).expect(200);
    await as(t.cw).post(`/cases/${id}/record-assessment`).send({ ppksCategories: ['PPKS-11'], decision: 'REINTEGRATION', reintegrationType: 'REPATRIATION' }).expect(200);
    expect(await actions(t.cw, id)).not.toContain('acknowledgeRepatriation'); // the handling region would be refused (OUT_OF_SCOPE)
    expect(await actions(t.cw, id)).toContain('completeReintegration');
    // The stages it went through, from the ledger (the lifecycle on the case page marks the others as not taken).
    expect((await get(t.cw, `/cases/${id}/actions`)).stagesEntered).toEqual(['INTAKE', 'HEALTH_CHECK', 'ASSESSMENT', 'REINTEGRATION']);
  });

  it('offers each role what the stage machine allows it now, and nothing once the case is closed', async () => {
    const opened = await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: 'Pak E', sex: 'L', approximateAge: 50 } }).expect(201);
    const id = (opened.body as { id: string }).id;
    expect(await get(t.cw, `/cases/${id}/actions`)).toEqual({ id, stage: 'INTAKE', version: (opened.body as { version: number }).version, allowedActions: ['startHealthCheck'], stagesEntered: ['INTAKE'], requiresEarlierPlanReference: false });
    // closeCase is the supervisor's alone; auditors read and change nothing.
    expect(await actions(t.sup, id)).toEqual(['startHealthCheck', 'closeCase']);
    expect(await actions(t.auditor, id)).toEqual([]);

    await as(t.cw).post(`/cases/${id}/start-health-check`).expect(200);
    expect(await actions(t.cw, id)).toEqual(['recordHealthCheck']);
    // A refused step says why as a code with its values, for clients in other languages.
    const again = await as(t.cw).post(`/cases/${id}/start-health-check`).expect(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', reasonCode: 'NOT_IN_STAGE', reasonParams: { action: 'startHealthCheck', stage: 'HEALTH_CHECK' }, allowedActions: ['recordHealthCheck'] });
    expect(await actions(t.sup, id)).toEqual(['recordHealthCheck', 'closeCase']);

    await as(t.sup).post(`/cases/${id}/close`).send({ reason: 'UNFOUNDED_REPORT', note: 'tidak ditemukan' }).expect(200);
    expect(await get(t.sup, `/cases/${id}/actions`)).toMatchObject({ stage: 'CLOSED', allowedActions: [] });
    expect(await actions(t.cw, id)).toEqual([]);
  });

  it("shows the case team the case's tasks and a timeline of summaries, never findings or notes", async () => {
    const opened = await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: 'Bu F', sex: 'P', approximateAge: 44 } }).expect(201);
    const id = (opened.body as { id: string }).id;
    expect(await tasks(t.cw, id)).toEqual([]);
    await as(t.cw).post(`/cases/${id}/start-health-check`).expect(200);
    const ordered = await eventually(() => tasks(t.cw, id), (items) => items.length === 1);
    expect(ordered[0]).toMatchObject({ type: 'HEALTH_CHECK', agencyCode: 'DINKES', status: 'OPEN', assigneeName: null, closedAt: null, overdue: false });
    expect(Object.keys(ordered[0] as Task).sort()).toEqual(['acceptBy', 'agencyCode', 'assigneeName', 'closedAt', 'dispatchedAt', 'dueAt', 'id', 'overdue', 'status', 'type']);

    await as(t.cw).post(`/cases/${id}/record-health-check`).send({ result: 'NEEDS_TREATMENT', findings: 'patah tulang lengan kiri' }).expect(200);
    // A case worker may not close; the refusal is part of the case's history.
    expect((await as(t.cw).post(`/cases/${id}/close`).send({ reason: 'ABSCONDED', note: 'kabur dari rumah sakit' }).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
    const after = await eventually(() => tasks(t.sup, id), (items) => items.length === 2);
    expect(after.map((task) => [task.type, task.status, task.closedAt === null])).toEqual([
      ['HEALTH_CHECK', 'CANCELLED', false],
      ['MEDICAL_TREATMENT', 'OPEN', true],
    ]);

    const { items, total } = await timeline(t.cw, id);
    expect(items.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => total - i));
    const shown = items.filter((e) => e.action !== 'taskDelivered').map((e) => `${e.action} ${e.outcome} ${e.stage}`);
    // Each entry in the stage it was recorded in: a command and what it caused in the stage it was given in.
    expect(shown.reverse()).toEqual([
      'openCase ACCEPTED INTAKE',
      'startHealthCheck ACCEPTED INTAKE',
      'stageChanged RECORDED INTAKE',
      'taskOrdered RECORDED INTAKE',
      'recordHealthCheck ACCEPTED HEALTH_CHECK',
      'stageChanged RECORDED HEALTH_CHECK',
      'taskCancelled RECORDED HEALTH_CHECK',
      'taskOrdered RECORDED HEALTH_CHECK',
      'closeCase REJECTED MEDICAL_TREATMENT',
    ]);
    expect(items.filter((e) => e.action === 'taskDelivered').every((e) => e.stage !== null)).toBe(true);
    expect(items.find((e) => e.action === 'stageChanged')).toMatchObject({ summary: 'HEALTH_CHECK → MEDICAL_TREATMENT', actor: { role: 'CASE_WORKER' } });
    const text = JSON.stringify(items);
    expect(text).not.toMatch(/patah tulang|kabur|Bu F|payload|snapshot|hash/);
    // The full ledger stays the auditors'.
    await as(t.cw).get(`/cases/${id}/history`).expect(403);
    expect((await get(t.auditor, `/cases/${id}/history?limit=100`)).total).toBe(total);
  });

  it("answers another region's case as absent on every detail route", async () => {
    const opened = await as(t.cw).post('/cases').send({ channel: 'COMPLAINT', regionCode: '3514', person: { name: 'Pak G', sex: 'L', approximateAge: 30 } }).expect(201);
    const id = (opened.body as { id: string }).id;
    for (const path of ['actions', 'tasks', 'timeline']) {
      const res = await as(t.elsewhere).get(`/cases/${id}/${path}`);
      expect([path, res.status, (res.body as Body).code]).toEqual([path, 404, 'CASE_NOT_FOUND']);
    }
  });
});
