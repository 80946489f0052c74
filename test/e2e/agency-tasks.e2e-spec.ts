import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import { eventually } from '../helpers/eventually';
import { createAgency, issuedAgencyKey, signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Task = { id: string; type: string; status: string; assigneeName: string | null; agencyCode: string };

describe('agency inboxes over HTTP: dispatch, claim, complete, reject, reassign', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  const t = { caseWorker: '', supervisor: '', dinkes: '', dinsos: '', dinsos2: '', dinsos2Id: '', dinsosKey: '' };

  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const inbox = async (token: string, caseId: string) => ((await as(token).get('/tasks').query({ caseId }).expect(200)).body.items as Task[]);
  const arrived = (token: string, caseId: string, type: string) =>
    eventually(() => inbox(token, caseId), (items) => items.some((i) => i.type === type)).then((items) => items.find((i) => i.type === type) as Task);

  beforeAll(async () => {
    const config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    const app = api.getHttpServer();
    const dinkes = await createAgency(db, 'DINKES', '3514');
    const dinsos = await createAgency(db, 'DINSOS', '3514');
    t.caseWorker = (await signedIn(app, db, 'CASE_WORKER', '3514')).token;
    t.supervisor = (await signedIn(app, db, 'SUPERVISOR', '3514')).token;
    t.dinkes = (await signedIn(app, db, 'AGENCY_OFFICER', '3514', dinkes)).token;
    t.dinsos = (await signedIn(app, db, 'AGENCY_OFFICER', '3514', dinsos)).token;
    const second = await signedIn(app, db, 'AGENCY_OFFICER', '3514', dinsos);
    [t.dinsos2, t.dinsos2Id] = [second.token, second.id];
    const admin = (await signedIn(app, db, 'ADMIN', '3514')).token;
    t.dinsosKey = (await issuedAgencyKey(app, dinsos, 'SIKS Dinsos', { admin, supervisor: t.supervisor })).apiKey;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('gives the health check to DINKES; only DINKES completes it, with a fitting outcome, once; the case moves on', async () => {
    const opened = await as(t.caseWorker).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: 'Pak T', sex: 'L', approximateAge: 44 } }).expect(201);
    const caseId = opened.body.id as string;
    await as(t.caseWorker).post(`/cases/${caseId}/start-health-check`).expect(200);

    const task = await arrived(t.dinkes, caseId, 'HEALTH_CHECK');
    expect(task).toMatchObject({ status: 'OPEN', agencyCode: 'DINKES', assigneeName: null });
    // Whom to examine, and no more (src/tasks/task-brief.ts): no NIK, no categories, no home region.
    expect((task as unknown as { case: unknown }).case).toEqual({ name: 'Pak T', sex: 'L', approximateAge: 44 });
    // What each may do with it now, as the workflow's rules say (the inbox shows these buttons).
    expect((task as unknown as { allowedActions: string[] }).allowedActions).toEqual(['claimTask', 'completeTask', 'rejectTask']);
    expect(((await as(t.supervisor).get('/tasks').query({ caseId }).expect(200)).body.items as { allowedActions: string[] }[])[0]?.allowedActions).toEqual(['reassignTask']);
    const logged = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM personal_data_access WHERE route = 'GET /tasks' AND case_id = $1`, [caseId]);
    expect(logged.rows[0]?.n).toBeGreaterThan(0); // the brief is personal data: its read is in the access log
    expect(await inbox(t.dinsos, caseId)).toEqual([]); // not in another agency's inbox

    const foreign = await as(t.dinsos).post(`/tasks/${task.id}/complete`).send({ outcome: { result: 'FIT' } });
    // Another agency's task is not in DINSOS's inbox: it answers as if absent.
    expect([foreign.status, foreign.body.code]).toEqual([404, 'TASK_NOT_FOUND']);
    expect((await as(t.dinkes).post(`/tasks/${task.id}/claim`).expect(200)).body).toMatchObject({ status: 'CLAIMED', assigneeName: expect.any(String) });
    const malformed = await as(t.dinkes).post(`/tasks/${task.id}/complete`).send({ outcome: { result: 'HEALTHY' } });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await as(t.caseWorker).get(`/cases/${caseId}`).expect(200)).body.stage).toBe('HEALTH_CHECK'); // nothing changed

    const done = await as(t.dinkes).post(`/tasks/${task.id}/complete`).send({ outcome: { result: 'FIT', findings: 'no complaints' } }).expect(200);
    expect(done.body).toMatchObject({ status: 'COMPLETED', outcome: { result: 'FIT' } });
    const movedOn = (await as(t.caseWorker).get(`/cases/${caseId}`).expect(200)).body;
    expect(movedOn).toMatchObject({ stage: 'ASSESSMENT', responsibleAgency: 'DINSOS', lastAction: { action: 'completeTask', role: 'AGENCY_OFFICER' } });
    const again = await as(t.dinkes).post(`/tasks/${task.id}/complete`).send({ outcome: { result: 'FIT' } });
    expect([again.status, again.body.code]).toEqual([409, 'TASK_CLOSED']);

    // The next step lands in DINSOS's inbox; its system sees it by API key; a supervisor reassigns it.
    const assessment = await arrived(t.dinsos, caseId, 'ASSESSMENT');
    const bySystem = (await request(api.getHttpServer()).get('/tasks').query({ caseId }).set('X-Api-Key', t.dinsosKey).expect(200)).body.items as Task[];
    expect(bySystem.map((i) => i.id)).toContain(assessment.id);
    expect((await as(t.supervisor).post(`/tasks/${assessment.id}/reassign`).send({ assigneeUserId: t.dinsos2Id }).expect(200)).body.assigneeName).toMatch(/^agency-officer-/);
    const rejected = await as(t.dinsos2).post(`/tasks/${assessment.id}/reject`).send({ reason: 'belongs to the provincial panti' }).expect(200);
    expect(rejected.body.status).toBe('REJECTED');
    // A supervisor sees every agency of the region, and narrows the inbox to one.
    const ofAgency = async (agencyCode: string) => ((await as(t.supervisor).get('/tasks').query({ caseId, agencyCode }).expect(200)).body.items as Task[]).map((i) => i.type);
    expect([await ofAgency('DINKES'), await ofAgency('DINSOS'), await ofAgency('DISNAKER')]).toEqual([['HEALTH_CHECK'], ['ASSESSMENT'], []]);
    await as(t.supervisor).get('/tasks').query({ agencyCode: 'dinkes; drop' }).expect(400);
    // Pasuruan's protocol sends a rejected task to the regional coordinator for a decision.
    const escalations = (await as(t.caseWorker).get(`/cases/${caseId}`).expect(200)).body.escalations as { notify: string; level: number }[];
    expect(escalations.at(-1)).toMatchObject({ notify: 'REGIONAL_COORDINATOR', level: 0 });
    expect((await as(t.dinsos).post(`/tasks/${assessment.id}/claim`)).status).toBe(409);
  });

  it('cancels a task the case no longer needs (a case worker recorded the health check directly)', async () => {
    const opened = await as(t.caseWorker).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: 'Pak U', sex: 'L', approximateAge: 33 } }).expect(201);
    const caseId = opened.body.id as string;
    await as(t.caseWorker).post(`/cases/${caseId}/start-health-check`).expect(200);
    const task = await arrived(t.dinkes, caseId, 'HEALTH_CHECK');
    await as(t.caseWorker).post(`/cases/${caseId}/record-health-check`).send({ result: 'FIT' }).expect(200);
    const after = (await inbox(t.dinkes, caseId)).find((i) => i.id === task.id);
    expect(after?.status).toBe('CANCELLED');
    expect((await as(t.dinkes).post(`/tasks/${task.id}/complete`).send({ outcome: { result: 'FIT' } })).status).toBe(409);
  });

  it("shows a supervisor an agency's queue: workers polling, backlog, and the region's inbox", async () => {
    const res = await as(t.supervisor).get('/agencies/DINKES/queue').expect(200);
    expect(res.body).toMatchObject({ agencyCode: 'DINKES', queues: [{ regionCode: '3514', taskQueue: 'agency-3514-dinkes', waitingForWorker: 0 }], waitingForWorker: 0 });
    expect(res.body.workersRecentlyPolling).toBeGreaterThan(0);
    // The inbox counts are the region's DINKES rows as they stand (other test files share the schema).
    const counts = (await db.query(
      `SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open, count(*) FILTER (WHERE status = 'CLAIMED')::int AS claimed
         FROM agency_task WHERE agency_code = 'DINKES' AND region_code LIKE '3514%'`,
    )).rows[0] as { open: number; claimed: number };
    expect({ open: res.body.inbox.open, claimed: res.body.inbox.claimed }).toEqual(counts);
    await as(t.supervisor).get('/agencies/dinkes!/queue').expect(400);
    await as(t.caseWorker).get('/agencies/DINKES/queue').expect(403);
  });
});
