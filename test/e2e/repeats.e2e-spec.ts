import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { eventually } from '../helpers/eventually';
import { repeatNoticeScheduleId } from '../../src/worker/repeat-notice-schedule';
import { createAgency, signedIn } from '../helpers/identity';
import { recordHistory } from '../helpers/record-history';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Body = Record<string, unknown>;
type Task = { id: string; type: string; status: string; agencyCode: string; allowedActions: string[] };
type Entry = { action: string; outcome: string; summary: string; payload: Body };
type Notification = { kind: string; caseId: string };

/** A child's NIK: Kab. Pasuruan (35.14), born 15-05-2014, male. */
const NIK = '3514011505140001';
/** Another child's NIK: Kab. Banyuwangi (35.10), born 20-07-2015, female. */
const NIK_BANYUWANGI = '3510016007150002';

/**
 * Repeat cases change the process (issue 12 part 2) on the real stack: Pasuruan's protocol v2 has repeat
 * rules, so a child seen again within 12 months notifies the region's supervisors, gives DP3AP2KB a
 * notice task and makes the assessment refer to the earlier plan; Banyuwangi's protocol has none, and
 * its repeat changes nothing in the process.
 */
describe('repeat cases under the protocol’s repeat rules', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let temporal: { client: Client; close: () => Promise<void> };
  const t = { cw: '', sup: '', dp3: '', auditor: '', cwBwi: '', supBwi: '', auditorBwi: '' };

  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const open = async (person: Body, regionCode = '3514', token = t.cw) => (await as(token).post('/cases').send({ channel: 'RAZIA', regionCode, person }).expect(201)).body as Body & { id: string };
  const decide = async (caseId: string, body: Body, token = t.cw) => (await as(token).post(`/cases/${caseId}/person`).send(body).expect(200)).body as { personId: string; repeat: Body | null };
  const cmd = (token: string, id: string, command: string, body: Body = {}) => as(token).post(`/cases/${id}/${command}`).send(body);
  const ledger = async (caseId: string, token = t.auditor) => (await as(token).get(`/cases/${caseId}/history`).query({ limit: 100 }).expect(200)).body.items as Entry[];
  const feed = async (token: string) => (await as(token).get('/notifications').query({ limit: 100 }).expect(200)).body.items as Notification[];
  const inbox = async (caseId: string) => (await as(t.dp3).get('/tasks').query({ caseId }).expect(200)).body.items as Task[];
  const child = (name: string, nik: string) => ({ name, sex: 'L', approximateAge: 12, nik });
  const toAssessment = async (token: string, id: string) => {
    await cmd(token, id, 'start-health-check').expect(200);
    await cmd(token, id, 'record-health-check', { result: 'FIT' }).expect(200);
  };
  const assessment = { ppksCategories: ['PPKS-04'], decision: 'REHABILITATION', guardianConsent: { name: 'Ibu Sari', relationship: 'PARENT' } };

  beforeAll(async () => {
    // The worker keeps the repeat-notice sweep's Temporal Schedule, every second (production: a minute).
    config = testConfig({ SINERGI_REPEAT_SWEEP_SECONDS: '1' });
    db = testPool(config);
    const dp3 = await createAgency(db, 'DP3AP2KB', '3514');
    worker = await startWorker(config); // after the agency: it serves its queue
    api = await startApi(config);
    temporal = await testTemporalClient(config);
    const app = api.getHttpServer();
    t.cw = (await signedIn(app, db, 'CASE_WORKER', '3514')).token;
    t.sup = (await signedIn(app, db, 'SUPERVISOR', '3514')).token;
    t.auditor = (await signedIn(app, db, 'AUDITOR', '3514')).token;
    t.dp3 = (await signedIn(app, db, 'AGENCY_OFFICER', '3514', dp3)).token;
    t.cwBwi = (await signedIn(app, db, 'CASE_WORKER', '3510')).token;
    t.supBwi = (await signedIn(app, db, 'SUPERVISOR', '3510')).token;
    t.auditorBwi = (await signedIn(app, db, 'AUDITOR', '3510')).token;
  });

  afterAll(async () => {
    await temporal?.client.schedule.getHandle(repeatNoticeScheduleId(config.temporal.taskQueue)).delete().catch(() => undefined);
    await api?.close();
    await worker?.close();
    await temporal?.close();
    await db?.end();
  });

  it('Pasuruan v2, a child seen again: supervisor notified, DP3AP2KB notice task, assessment must refer to the earlier plan', async () => {
    const first = await open(child('Budi', NIK));
    const registered = await decide(first.id, { newPerson: true });
    expect(registered.repeat).toBeNull();
    await cmd(t.sup, first.id, 'close', { reason: 'ABSCONDED', note: 'left before the health check' }).expect(200);
    // The first case is no repeat: nothing changed in its process.
    expect((await ledger(first.id)).map((e) => e.action)).not.toContain('repeatNoticed');

    const second = await open(child('Ucok', NIK));
    expect(second).toMatchObject({ protocol: { id: '3514', version: 2 } });
    const linked = await decide(second.id, { personId: registered.personId });
    expect(linked.repeat).toMatchObject({ count: 1, lastStage: 'CLOSED' });

    // The decision's answer came after the workflow took the repeat: its ledger entry is there.
    const noticed = (await ledger(second.id)).filter((e) => e.action === 'repeatNoticed');
    expect(noticed).toHaveLength(1);
    expect(noticed[0]?.payload).toMatchObject({ count: 1, previousCaseId: first.id, child: true });
    expect(JSON.stringify(noticed[0])).not.toContain('Budi');

    // The region's supervisors hear of it; case workers do not (their bell is for deadlines and escalations).
    expect(await feed(t.sup)).toContainEqual(expect.objectContaining({ kind: 'REPEAT_CASE', caseId: second.id }));
    expect((await feed(t.cw)).filter((n) => n.kind === 'REPEAT_CASE')).toEqual([]);
    expect((await feed(t.supBwi)).filter((n) => n.caseId === second.id)).toEqual([]);

    // DP3AP2KB gets the notice in its inbox, which survives the case moving on, and acknowledges it.
    const notice = await eventually(() => inbox(second.id), (items) => items.some((i) => i.type === 'REPEAT_CHILD_NOTICE')).then((items) => items.find((i) => i.type === 'REPEAT_CHILD_NOTICE') as Task);
    expect(notice).toMatchObject({ agencyCode: 'DP3AP2KB', status: 'OPEN', allowedActions: ['claimTask', 'completeTask', 'rejectTask'] });
    await toAssessment(t.cw, second.id);
    expect((await inbox(second.id)).find((i) => i.id === notice.id)?.status).toBe('OPEN');
    await as(t.dp3).post(`/tasks/${notice.id}/claim`).expect(200);
    await as(t.dp3).post(`/tasks/${notice.id}/complete`).send({ outcome: { note: 'Pendamping anak ditugaskan' } }).expect(200);
    expect((await inbox(second.id)).find((i) => i.id === notice.id)?.status).toBe('COMPLETED');

    // The assessment must name the earlier plan: refused with a code, nothing changed; accepted with it.
    const actions = (await as(t.cw).get(`/cases/${second.id}/actions`).expect(200)).body as Body;
    expect(actions).toMatchObject({ requiresEarlierPlanReference: true });
    const before = (await as(t.cw).get(`/cases/${second.id}`).expect(200)).body as { version: number };
    const refused = await cmd(t.cw, second.id, 'record-assessment', assessment).expect(409);
    expect(refused.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', reasonCode: 'EARLIER_PLAN_REFERENCE_REQUIRED' });
    await cmd(t.cw, second.id, 'record-assessment', { ...assessment, earlierPlanReference: '   ' }).expect(400); // blank free text
    expect((await as(t.cw).get(`/cases/${second.id}`).expect(200)).body).toMatchObject({ stage: 'ASSESSMENT', version: before.version });
    await cmd(t.cw, second.id, 'record-assessment', { ...assessment, earlierPlanReference: 'Kasus sebelumnya: kabur sebelum pemeriksaan; rencana rehabilitasi' }).expect(200);
    expect((await as(t.cw).get(`/cases/${second.id}`).expect(200)).body).toMatchObject({ stage: 'REHABILITATION' });

    // Undoing the link and linking again does not apply the repeat twice.
    await as(t.sup).delete(`/cases/${second.id}/person`).expect(200);
    await decide(second.id, { personId: registered.personId });
    expect((await ledger(second.id)).filter((e) => e.action === 'repeatNoticed')).toHaveLength(1);

    await cmd(t.sup, second.id, 'close', { reason: 'TRANSFERRED_OUT', note: 'provincial panti' }).expect(200);
    await recordHistory(temporal.client.workflow.getHandle(`case-${second.id}`), 'repeat-child-pasuruan');
  });

  it('a repeat decided while Temporal is away is not lost: the worker\'s scheduled sweep delivers it', async () => {
    const first = await open(child('Joko', '3514012003130003'));
    const registered = await decide(first.id, { newPerson: true });
    const second = await open(child('Joko', '3514012003130003'));
    // The same API, cut off from Temporal (nothing listens on port 1): the decision is taken and committed.
    const away = await startApi({ ...config, temporal: { ...config.temporal, address: '127.0.0.1:1' }, http: { ...config.http, commandTimeoutMs: 500 } });
    try {
      const answer = await request(away.getHttpServer()).post(`/cases/${second.id}/person`).auth(t.cw, { type: 'bearer' }).send({ personId: registered.personId }).expect(200);
      expect(answer.body).toMatchObject({ personId: registered.personId, repeat: { count: 1 } });
    } finally {
      await away.close();
    }
    const pending = await db.query<{ delivered_at: Date | null; request: Body }>('SELECT delivered_at, request FROM repeat_notice WHERE case_id = $1', [second.id]);
    expect(pending.rows).toEqual([expect.objectContaining({ delivered_at: null, request: expect.objectContaining({ requestId: `repeat-${second.id}-${registered.personId}` }) })]);
    expect((await ledger(second.id)).map((e) => e.action)).not.toContain('repeatNoticed');

    // The sweep takes notices left for 10 s; the schedule runs it every second here.
    const noticed = await eventually(() => ledger(second.id), (items) => items.some((e) => e.action === 'repeatNoticed'), 40_000);
    expect(noticed.filter((e) => e.action === 'repeatNoticed')).toHaveLength(1);
    const outcome = () => db.query<{ outcome: string | null }>('SELECT outcome FROM repeat_notice WHERE case_id = $1', [second.id]).then((r) => r.rows);
    expect(await eventually(outcome, (rows) => rows[0]?.outcome !== null)).toEqual([{ outcome: 'DELIVERED' }]);
    expect(await feed(t.sup)).toContainEqual(expect.objectContaining({ kind: 'REPEAT_CASE', caseId: second.id }));
  });

  it('a merge that gives a case an earlier one tells its workflow, like a link', async () => {
    const first = await open(child('Agus', '3514010101140004'));
    const a = await decide(first.id, { newPerson: true });
    // Registered twice by mistake (no NIK the second time): no repeat yet.
    const second = await open({ name: 'Agus S.', sex: 'L', approximateAge: 12 });
    const b = await decide(second.id, { newPerson: true });
    expect(b.repeat).toBeNull();
    expect((await ledger(second.id)).map((e) => e.action)).not.toContain('repeatNoticed');
    await as(t.sup).post(`/persons/${a.personId}/merge`).send({ otherPersonId: b.personId }).expect(201);
    const noticed = (await ledger(second.id)).filter((e) => e.action === 'repeatNoticed');
    expect(noticed).toHaveLength(1);
    expect(noticed[0]?.payload).toMatchObject({ count: 1, previousCaseId: first.id });
    // The first case has no earlier one: nothing to notice there.
    expect((await ledger(first.id)).map((e) => e.action)).not.toContain('repeatNoticed');
  });

  it('Banyuwangi (no repeat rules): the repeat is shown, the process is as before', async () => {
    const person = { name: 'Sri', sex: 'P', approximateAge: 11, nik: NIK_BANYUWANGI };
    const first = await open(person, '3510', t.cwBwi);
    const registered = await decide(first.id, { newPerson: true }, t.cwBwi);
    await cmd(t.supBwi, first.id, 'close', { reason: 'ABSCONDED', note: 'left' }).expect(200);
    const second = await open(person, '3510', t.cwBwi);
    expect((await decide(second.id, { personId: registered.personId }, t.cwBwi)).repeat).toMatchObject({ count: 1 });
    expect((await ledger(second.id, t.auditorBwi)).map((e) => e.action)).not.toContain('repeatNoticed');
    expect((await feed(t.supBwi)).filter((n) => n.kind === 'REPEAT_CASE')).toEqual([]);
    await toAssessment(t.cwBwi, second.id);
    expect((await as(t.cwBwi).get(`/cases/${second.id}/actions`).expect(200)).body).toMatchObject({ requiresEarlierPlanReference: false });
    await cmd(t.cwBwi, second.id, 'record-assessment', assessment).expect(200);
  });
});
