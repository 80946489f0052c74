import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import { eventually } from '../helpers/eventually';
import { createAgency, signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Notification = { id: string; kind: string; caseId: string | null; taskId: string | null; taskType: string | null; agencyCode: string | null; occurredAt: string };

/** The bell's feed: built from the ledger, for whom it concerns, without personal data. */
describe('GET /notifications', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  const t = { caseWorker: '', supervisor: '', dinkes: '', dinsos: '', auditor: '', dinkesElsewhere: '', supervisorElsewhere: '' };

  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const feed = async (token: string, query: object = {}) => (await as(token).get('/notifications').query({ limit: 100, ...query }).expect(200)).body.items as Notification[];
  const about = async (token: string, caseId: string) => (await feed(token)).filter((n) => n.caseId === caseId);

  beforeAll(async () => {
    const config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    const app = api.getHttpServer();
    const dinkes = await createAgency(db, 'DINKES', '3514');
    const dinsos = await createAgency(db, 'DINSOS', '3514');
    const dinkesElsewhere = await createAgency(db, 'DINKES', '3510');
    t.caseWorker = (await signedIn(app, db, 'CASE_WORKER', '3514')).token;
    t.supervisor = (await signedIn(app, db, 'SUPERVISOR', '3514')).token;
    t.dinkes = (await signedIn(app, db, 'AGENCY_OFFICER', '3514', dinkes)).token;
    t.dinsos = (await signedIn(app, db, 'AGENCY_OFFICER', '3514', dinsos)).token;
    t.auditor = (await signedIn(app, db, 'AUDITOR', '3514')).token;
    t.dinkesElsewhere = (await signedIn(app, db, 'AGENCY_OFFICER', '3510', dinkesElsewhere)).token;
    t.supervisorElsewhere = (await signedIn(app, db, 'SUPERVISOR', '3510')).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it("tells the agency of a new task in its inbox, and the region's people of a rejected one; nobody else", async () => {
    const before = new Date().toISOString();
    const opened = await as(t.caseWorker).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: 'Ibu Lonceng', sex: 'P', approximateAge: 51 } }).expect(201);
    const caseId = opened.body.id as string;
    await as(t.caseWorker).post(`/cases/${caseId}/start-health-check`).expect(200);

    const news = await eventually(() => about(t.dinkes, caseId), (items) => items.length > 0);
    const task = (await as(t.dinkes).get('/tasks').query({ caseId }).expect(200)).body.items[0] as { id: string };
    expect(news).toEqual([{ id: expect.stringMatching(new RegExp(`^${caseId}:\\d+$`)), kind: 'TASK_NEW', caseId, stage: null, taskId: task.id, taskType: 'HEALTH_CHECK', agencyCode: 'DINKES', occurredAt: expect.any(String), report: null }]);
    // Ids and codes only: nothing of the person, even though the ledger entry holds the case.
    expect(JSON.stringify(await feed(t.dinkes))).not.toMatch(/Lonceng|person|payload|summary/);
    // `since` leaves out what was seen; another agency, another region, an auditor hear nothing of it.
    expect((await feed(t.dinkes, { since: news[0]?.occurredAt })).filter((n) => n.caseId === caseId)).toEqual([]);
    expect((await feed(t.dinkes, { since: before })).map((n) => n.caseId)).toContain(caseId);
    expect(await about(t.dinsos, caseId)).toEqual([]);
    expect(await about(t.dinkesElsewhere, caseId)).toEqual([]);
    expect(await feed(t.auditor)).toEqual([]);
    // A new task is the agency's business, not yet the case team's.
    expect(await about(t.caseWorker, caseId)).toEqual([]);

    await as(t.dinkes).post(`/tasks/${task.id}/reject`).send({ reason: 'no doctor on duty today' }).expect(200);
    const escalation = { kind: 'ESCALATION', caseId, taskId: task.id, taskType: 'HEALTH_CHECK', agencyCode: 'DINKES' };
    expect(await about(t.caseWorker, caseId)).toEqual([expect.objectContaining(escalation)]);
    expect(await about(t.supervisor, caseId)).toEqual([expect.objectContaining(escalation)]);
    expect(JSON.stringify(await feed(t.supervisor))).not.toMatch(/no doctor|Lonceng/);
    expect(await about(t.supervisorElsewhere, caseId)).toEqual([]);
    expect((await about(t.dinkes, caseId)).map((n) => n.kind)).toEqual(['TASK_NEW']);
  });

  it('refuses a malformed since or limit', async () => {
    await as(t.dinkes).get('/notifications').query({ since: 'yesterday' }).expect(400);
    await as(t.dinkes).get('/notifications').query({ limit: 0 }).expect(400);
    await request(api.getHttpServer()).get('/notifications').expect(401);
  });
});
