import { randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Pool } from 'pg';
import request from 'supertest';
import { caseCommandUpdates, confirmOpenedUpdate } from '../../workflows/case/case.messages';
import type { Actor } from '../../workflows/contracts/actor';
import type { OpenCaseInput } from '../../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/contracts/case';
import type { AppConfig } from '../../src/config/app-config';
import { ProtocolRegistry } from '../../src/protocols/protocol-registry';
import { eventually } from '../helpers/eventually';
import { createAgency, signedIn } from '../helpers/identity';
import { recordHistory } from '../helpers/record-history';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Body = Record<string, unknown>;
type Task = { id: string; type: string; status: string; agencyCode: string; assigneeName: string | null; allowedActions: string[]; referral: { reason: string | null; referredBy: string | null } | null };
type Entry = { seq: number; action: string; outcome: string; actor: { id: string; agencyCode: string | null }; agencyCode: string | null; reason: string | null; summary: string; payload: Body };

const VILLAGE = '7303022005';
/** A second desa of the same kab/kota, with its own Puskesos officer of the same PUSKESOS agency. */
const VILLAGE2 = '7303022006';
const complaint = (extra: Body = {}) => ({ channel: 'COMPLAINT', regionCode: '7303', person: { name: 'Ibu Warga', sex: 'P', approximateAge: 52 }, ...extra });

/** The SLRT path of Bantaeng (protocol 7303 v2): Puskesos intake, referral to the UPT SPMKS (docs/puskesos.md). */
describe('Puskesos intake and referral to the regency (Bantaeng, real Temporal and PostgreSQL)', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let temporal: { client: Client; close: () => Promise<void> };
  const t = { puskesos: '', puskesosId: '', puskesos2: '', puskesos2Id: '', unposted: '', unpostedId: '', upt: '', uptId: '', dinkes: '', caseWorker: '', caseWorkerId: '', supervisor: '', auditor: '', unset: '', admin: '' };
  const ids = { puskesos: '', upt: '' };

  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const inbox = async (token: string, caseId: string) => (await as(token).get('/tasks').query({ caseId }).expect(200)).body.items as Task[];
  const arrived = (token: string, caseId: string, type: string) =>
    eventually(() => inbox(token, caseId), (items) => items.some((i) => i.type === type)).then((items) => items.find((i) => i.type === type) as Task);
  const ledger = async (caseId: string) => (await as(t.auditor).get(`/cases/${caseId}/history`).query({ limit: 100 }).expect(200)).body.items as Entry[];
  const openByPuskesos = async () => (await as(t.puskesos).post('/cases').send(complaint({ villageCode: '73.03.02.2005' })).expect(201)).body as Body & { id: string };

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    const puskesos = await createAgency(db, 'PUSKESOS', '7303');
    ids.puskesos = puskesos;
    const upt = await createAgency(db, 'UPT_SPMKS', '7303');
    ids.upt = upt;
    const dinkes = await createAgency(db, 'DINKES', '7303');
    // A Puskesos of another region with no village recorded yet.
    const unset = await createAgency(db, 'PUSKESOS', '7371');
    worker = await startWorker(config); // after the agencies: it serves their queues
    api = await startApi(config);
    temporal = await testTemporalClient(config);
    const app = api.getHttpServer();
    [t.puskesos, t.puskesosId] = await signedIn(app, db, 'AGENCY_OFFICER', '7303', puskesos).then((u) => [u.token, u.id]);
    [t.upt, t.uptId] = await signedIn(app, db, 'AGENCY_OFFICER', '7303', upt).then((u) => [u.token, u.id]);
    t.dinkes = (await signedIn(app, db, 'AGENCY_OFFICER', '7303', dinkes)).token;
    [t.puskesos2, t.puskesos2Id] = await signedIn(app, db, 'AGENCY_OFFICER', '7303', puskesos).then((u) => [u.token, u.id]);
    // An officer of the same Puskesos without a post yet.
    [t.unposted, t.unpostedId] = await signedIn(app, db, 'AGENCY_OFFICER', '7303', puskesos).then((u) => [u.token, u.id]);
    t.unset = (await signedIn(app, db, 'AGENCY_OFFICER', '7371', unset)).token;
    [t.caseWorker, t.caseWorkerId] = await signedIn(app, db, 'CASE_WORKER', '7303').then((u) => [u.token, u.id]);
    t.supervisor = (await signedIn(app, db, 'SUPERVISOR', '7303')).token;
    t.auditor = (await signedIn(app, db, 'AUDITOR', '7303')).token;
    t.admin = (await signedIn(app, db, 'ADMIN', '7303')).token;
    // An administrator posts each Puskesos officer to their village (docs/puskesos.md).
    expect((await as(t.admin).patch(`/users/${t.puskesosId}`).send({ villageCode: '73.03.02.2005' }).expect(200)).body).toMatchObject({ agencyId: puskesos, villageCode: VILLAGE });
    expect((await as(t.admin).patch(`/users/${t.puskesos2Id}`).send({ villageCode: VILLAGE2 }).expect(200)).body).toMatchObject({ agencyId: puskesos, villageCode: VILLAGE2 });
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await temporal?.close();
    await db?.end();
  });

  it('a complaint the Puskesos takes in lands in its inbox, is referred with a reason to the UPT SPMKS inbox, and the ledger says who took it and who referred it where', async () => {
    // The Puskesos officer may open cases (their agency's permission) and knows their intake point.
    expect((await as(t.puskesos).get('/auth/me').expect(200)).body.permissions).toContain('case.create');
    expect((await as(t.dinkes).get('/auth/me').expect(200)).body.permissions).not.toContain('case.create');
    expect((await as(t.puskesos).get('/puskesos/intake-point').expect(200)).body).toEqual({ intakePoint: { villageCode: VILLAGE, name: 'PUSKESOS 7303', agencyCode: 'PUSKESOS', regionCode: '7303', channel: 'COMPLAINT' } });
    expect((await as(t.caseWorker).get('/puskesos/intake-point').expect(200)).body).toEqual({ intakePoint: null });

    const c = await openByPuskesos();
    expect(c).toMatchObject({ channel: 'COMPLAINT', regionCode: '7303', protocol: { id: '7303', version: 2 }, responsibleAgency: 'PUSKESOS', openedBy: { id: t.puskesosId, agencyCode: 'PUSKESOS' } });
    // The case team's case page reads the intake point from the case (GET /cases/:id); other cases have none.
    const point = { villageCode: VILLAGE, name: 'PUSKESOS 7303', agencyCode: 'PUSKESOS' };
    expect(c.intakePoint).toEqual(point);
    expect((await as(t.caseWorker).get(`/cases/${c.id}`).expect(200)).body.intakePoint).toEqual(point);
    const staffCase = (await as(t.caseWorker).post('/cases').send(complaint()).expect(201)).body as Body & { id: string };
    expect((await as(t.caseWorker).get(`/cases/${staffCase.id}`).expect(200)).body.intakePoint).toBeNull();

    const intake = await arrived(t.puskesos, c.id, 'COMPLAINT_INTAKE');
    expect(intake).toMatchObject({ status: 'OPEN', agencyCode: 'PUSKESOS', referral: null });
    expect(intake.allowedActions).toEqual(['claimTask', 'referToRegency', 'rejectTask']);
    expect(await inbox(t.upt, c.id)).toEqual([]);
    // The case team does not refer: the step is not among their allowed actions.
    expect((await as(t.caseWorker).get(`/cases/${c.id}/actions`).expect(200)).body.allowedActions).not.toContain('referToRegency');

    const referred = await as(t.puskesos).post(`/tasks/${intake.id}/refer-to-regency`).send({ reason: 'Butuh bantuan program kabupaten (RTLH)' }).expect(200);
    expect(referred.body).toMatchObject({ status: 'COMPLETED', allowedActions: [] });

    const unit = await arrived(t.upt, c.id, 'REGENCY_REFERRAL');
    expect(unit).toMatchObject({ status: 'OPEN', agencyCode: 'UPT_SPMKS', referral: { reason: 'Butuh bantuan program kabupaten (RTLH)', referredBy: expect.stringMatching(/^agency-officer-/) as unknown } });
    expect(unit.allowedActions).toEqual(['claimTask', 'completeTask', 'rejectTask']);
    expect((await as(t.caseWorker).get(`/cases/${c.id}`).expect(200)).body).toMatchObject({ stage: 'INTAKE', responsibleAgency: 'UPT_SPMKS' });

    const entries = await ledger(c.id);
    const opened = entries.find((e) => e.action === 'openCase');
    expect(opened).toMatchObject({ actor: { id: t.puskesosId, agencyCode: 'PUSKESOS' }, summary: `openCase channel=COMPLAINT region=7303 intake=PUSKESOS@${VILLAGE}`, payload: { intakePoint: { villageCode: VILLAGE, agencyCode: 'PUSKESOS' } } });
    const referral = entries.find((e) => e.action === 'referToRegency');
    // The referral's reason is personal text: stored sealed in the entry's payload, read back opened (docs/personal-data.md).
    expect(referral).toMatchObject({ outcome: 'ACCEPTED', actor: { id: t.puskesosId, agencyCode: 'PUSKESOS' }, reason: 'Butuh bantuan program kabupaten (RTLH)', summary: 'referToRegency → UPT_SPMKS', payload: { referredTo: 'UPT_SPMKS' } });
    expect(entries.filter((e) => e.action === 'taskOrdered').map((e) => e.summary)).toEqual([`COMPLAINT_INTAKE@v1 → PUSKESOS (7303)`, expect.stringMatching(/^REGENCY_REFERRAL@v\d+ → UPT_SPMKS \(7303\)$/) as unknown]);
    // Summaries hold no personal data (the name and the free-text reason stay in payloads).
    expect(entries.map((e) => e.summary).join(' ')).not.toMatch(/Ibu Warga|RTLH/);

    // The unit takes it on; the case team closes it as referred to a programme (a finished history to replay).
    await as(t.upt).post(`/tasks/${unit.id}/complete`).send({ outcome: { note: 'Diusulkan ke program RTLH' } }).expect(200);
    await as(t.supervisor).post(`/cases/${c.id}/close`).send({ reason: 'REFERRED_TO_PROGRAM', note: 'RTLH' }).expect(200);
    await recordHistory(temporal.client.workflow.getHandle(`case-${c.id}`), 'puskesos-referral-bantaeng');
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const code = async (res: request.Test | Promise<request.Response>) => {
      const r = await res;
      return [r.status, (r.body as Body).code];
    };
    const cases = async () => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_view WHERE region_code = '7303'`)).rows[0]?.n);
    const before = await cases();
    // An officer's post: a desa/kelurahan code of their own region, for a Puskesos officer only; the agency has none.
    const posts = [[t.puskesosId, '730302'], [t.puskesosId, '7303024005'], [t.puskesosId, '3514011001'], [t.puskesosId, 7303022005], [t.uptId, VILLAGE2], [t.caseWorkerId, VILLAGE2], [t.unpostedId, '']] as const;
    for (const [user, villageCode] of posts) {
      expect(await code(as(t.admin).patch(`/users/${user}`).send({ villageCode }))).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await code(as(t.admin).patch(`/agencies/${ids.puskesos}`).send({ villageCode: VILLAGE }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(as(t.caseWorker).patch(`/users/${t.unpostedId}`).send({ villageCode: VILLAGE }))).toEqual([403, 'PERMISSION_DENIED']);
    expect((await as(t.admin).get(`/users/${t.puskesosId}`).expect(200)).body.villageCode).toBe(VILLAGE);
    expect((await as(t.admin).get(`/users/${t.uptId}`).expect(200)).body.villageCode).toBeNull();
    expect((await as(t.admin).get(`/users/${t.unpostedId}`).expect(200)).body.villageCode).toBeNull();
    expect((await as(t.admin).get(`/agencies/${ids.puskesos}`).expect(200)).body).not.toHaveProperty('villageCode');
    // Village codes: outside the region, not a desa/kelurahan code, not the officer's own village.
    expect(await code(as(t.puskesos).post('/cases').send(complaint({ villageCode: '3514011001' })))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(as(t.puskesos).post('/cases').send(complaint({ villageCode: '730302' })))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(as(t.puskesos).post('/cases').send(complaint({ villageCode: '7303024005' })))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(as(t.puskesos).post('/cases').send(complaint({ villageCode: '7303022006' })))).toEqual([403, 'OUT_OF_SCOPE']);
    // A Puskesos takes complaints in for its own region; staff record no intake point; others open nothing.
    expect(await code(as(t.puskesos).post('/cases').send(complaint({ channel: 'RAZIA' })))).toEqual([403, 'PERMISSION_DENIED']);
    expect(await code(as(t.puskesos).post('/cases').send(complaint({ regionCode: '7371' })))).toEqual([403, 'OUT_OF_SCOPE']);
    expect(await code(as(t.caseWorker).post('/cases').send(complaint({ villageCode: VILLAGE })))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(as(t.dinkes).post('/cases').send(complaint()))).toEqual([403, 'PERMISSION_DENIED']);
    expect(await code(as(t.upt).post('/cases').send(complaint()))).toEqual([403, 'PERMISSION_DENIED']);
    expect(await code(as(t.unset).post('/cases').send(complaint({ regionCode: '7371' })))).toEqual([409, 'INTAKE_POINT_UNSET']);
    expect(await code(as(t.unposted).post('/cases').send(complaint()))).toEqual([409, 'INTAKE_POINT_UNSET']);
    expect(await cases()).toBe(before);

    const c = await openByPuskesos();
    const intake = await arrived(t.puskesos, c.id, 'COMPLAINT_INTAKE');
    const refer = (token: string, body: Body) => as(token).post(`/tasks/${intake.id}/refer-to-regency`).send(body);
    // No reason, a blank one, unknown fields; someone else's inbox looks absent; the case team has no such step.
    expect(await code(refer(t.puskesos, {}))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(refer(t.puskesos, { reason: '   ' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(refer(t.upt, { reason: 'not mine' }))).toEqual([404, 'TASK_NOT_FOUND']);
    expect(await code(refer(t.dinkes, { reason: 'not mine' }))).toEqual([404, 'TASK_NOT_FOUND']);
    expect(await code(refer(t.caseWorker, { reason: 'staff' }))).toEqual([403, 'PERMISSION_DENIED']);
    expect(await code(refer(t.supervisor, { reason: 'staff' }))).toEqual([403, 'PERMISSION_DENIED']);
    expect((await inbox(t.puskesos, c.id)).map((i) => [i.type, i.status])).toEqual([['COMPLAINT_INTAKE', 'OPEN']]);

    await refer(t.puskesos, { reason: 'Perlu layanan kabupaten' }).expect(200);
    // Twice: the intake task is done.
    expect(await code(refer(t.puskesos, { reason: 'lagi' }))).toEqual([409, 'TASK_CLOSED']);
    const unit = await arrived(t.upt, c.id, 'REGENCY_REFERRAL');
    // The referral step belongs to the intake task only.
    expect(await code(as(t.upt).post(`/tasks/${unit.id}/refer-to-regency`).send({ reason: 'onward' }))).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect((await ledger(c.id)).filter((e) => e.action === 'referToRegency' && e.outcome === 'ACCEPTED')).toHaveLength(1);
    expect((await inbox(t.upt, c.id)).map((i) => i.type)).toEqual(['REGENCY_REFERRAL']);
  });

  it('two village Puskesos of one regency: each takes complaints for its own village, sees and works only its own intake tasks, and both referrals reach the UPT SPMKS', async () => {
    const code = async (res: request.Test) => {
      const r = await res;
      return [r.status, (r.body as Body).code];
    };
    expect((await as(t.puskesos2).get('/puskesos/intake-point').expect(200)).body.intakePoint).toMatchObject({ villageCode: VILLAGE2, agencyCode: 'PUSKESOS', regionCode: '7303' });
    // Each officer's complaint records their own village, whatever village the other one holds.
    const first = await openByPuskesos();
    const second = (await as(t.puskesos2).post('/cases').send(complaint()).expect(201)).body as Body & { id: string };
    expect(await code(as(t.puskesos2).post('/cases').send(complaint({ villageCode: VILLAGE })))).toEqual([403, 'OUT_OF_SCOPE']);
    const intakeOf = async (caseId: string) => (await ledger(caseId)).find((e) => e.action === 'openCase')?.payload.intakePoint;
    expect(await intakeOf(first.id)).toMatchObject({ villageCode: VILLAGE });
    expect(await intakeOf(second.id)).toMatchObject({ villageCode: VILLAGE2 });

    const mine = await arrived(t.puskesos, first.id, 'COMPLAINT_INTAKE');
    const theirs = await arrived(t.puskesos2, second.id, 'COMPLAINT_INTAKE');
    // Another village's intake task is not in the inbox, filtered by case or not, and answers as absent.
    expect(await inbox(t.puskesos, second.id)).toEqual([]);
    expect(await inbox(t.puskesos2, first.id)).toEqual([]);
    const all = async (token: string) => ((await as(token).get('/tasks').query({ limit: 100 }).expect(200)).body.items as Task[]).map((i) => i.id);
    expect(await all(t.puskesos)).toContain(mine.id);
    expect(await all(t.puskesos)).not.toContain(theirs.id);
    expect(await all(t.puskesos2)).not.toContain(mine.id);
    expect(await code(as(t.puskesos2).post(`/tasks/${mine.id}/claim`))).toEqual([404, 'TASK_NOT_FOUND']);
    expect(await code(as(t.puskesos2).post(`/tasks/${mine.id}/refer-to-regency`).send({ reason: 'bukan desa saya' }))).toEqual([404, 'TASK_NOT_FOUND']);
    expect(await code(as(t.puskesos).post(`/tasks/${theirs.id}/claim`))).toEqual([404, 'TASK_NOT_FOUND']);
    expect(await code(as(t.puskesos).post(`/tasks/${theirs.id}/refer-to-regency`).send({ reason: 'bukan desa saya' }))).toEqual([404, 'TASK_NOT_FOUND']);
    // The bell tells each officer of their own village's new tasks only.
    const bell = async (token: string) => ((await as(token).get('/notifications').query({ limit: 100 }).expect(200)).body.items as { taskId: string | null }[]).map((n) => n.taskId);
    expect(await bell(t.puskesos)).toContain(mine.id);
    expect(await bell(t.puskesos)).not.toContain(theirs.id);
    expect(await bell(t.puskesos2)).toContain(theirs.id);
    expect(await bell(t.puskesos2)).not.toContain(mine.id);
    // A supervisor cannot hand a village's task to another village's officer.
    expect(await code(as(t.supervisor).post(`/tasks/${mine.id}/reassign`).send({ assigneeUserId: t.puskesos2Id }))).toEqual([400, 'VALIDATION_FAILED']);
    // An officer of the Puskesos without a post works the agency's whole inbox, as before posts existed.
    expect((await inbox(t.unposted, first.id)).map((i) => i.id)).toEqual([mine.id]);
    expect((await inbox(t.unposted, second.id)).map((i) => i.id)).toEqual([theirs.id]);
    expect((await inbox(t.puskesos, first.id)).map((i) => [i.status, i.assigneeName])).toEqual([['OPEN', null]]);

    await as(t.puskesos).post(`/tasks/${mine.id}/claim`).expect(200);
    await as(t.puskesos).post(`/tasks/${mine.id}/refer-to-regency`).send({ reason: 'Desa 2005: RTLH' }).expect(200);
    await as(t.puskesos2).post(`/tasks/${theirs.id}/refer-to-regency`).send({ reason: 'Desa 2006: PKH' }).expect(200);
    const unitFirst = await arrived(t.upt, first.id, 'REGENCY_REFERRAL');
    const unitSecond = await arrived(t.upt, second.id, 'REGENCY_REFERRAL');
    expect(unitFirst.referral).toMatchObject({ reason: 'Desa 2005: RTLH' });
    expect(unitSecond.referral).toMatchObject({ reason: 'Desa 2006: PKH' });
  });

  it("shows a supervisor the UPT SPMKS's queue (a known agency code): its region's queue and inbox", async () => {
    const res = await as(t.supervisor).get('/agencies/UPT_SPMKS/queue').expect(200);
    expect(res.body).toMatchObject({ agencyCode: 'UPT_SPMKS', queues: [{ regionCode: '7303', taskQueue: 'agency-7303-upt_spmks', waitingForWorker: 0 }] });
    // The referrals of the tests above sit in its inbox (other test files share the schema: counted as they stand).
    const { open } = (await db.query<{ open: number }>(`SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open FROM agency_task WHERE agency_code = 'UPT_SPMKS' AND region_code = '7303'`)).rows[0] as { open: number };
    expect(open).toBeGreaterThan(0);
    expect(res.body.inbox.open).toBe(open);
    await as(t.caseWorker).get('/agencies/UPT_SPMKS/queue').expect(403);
  });

  it('a case opened under 7303 v1 keeps its old behaviour: no intake task, no referral, the case team moves it on', async () => {
    const v1 = ProtocolRegistry.fromDirectory(config.protocolsDir).get('7303', 1);
    expect(v1).toBeDefined();
    const caseId = randomUUID();
    const officer: Actor = { id: t.puskesosId, kind: 'user', name: 'puskesos', role: 'AGENCY_OFFICER', regionCode: '7303', agencyId: null, agencyCode: 'PUSKESOS' };
    // Pinned at opening, as the API did before v2 existed (with an intake point even: v1 names no referral step).
    const input: OpenCaseInput = { caseId, channel: 'COMPLAINT', regionCode: '7303', person: { name: 'Pak Lama', sex: 'L', approximateAge: 60 }, openedBy: officer, protocol: v1, intakePoint: { villageCode: VILLAGE, name: 'PUSKESOS 7303', agencyCode: 'PUSKESOS' } };
    const handle = await temporal.client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(caseId), taskQueue: config.temporal.taskQueue, args: [input] });
    await handle.executeUpdate(confirmOpenedUpdate, { updateId: 'confirm-opened' });
    expect((await as(t.caseWorker).get(`/cases/${caseId}`).expect(200)).body).toMatchObject({ protocol: { id: '7303', version: 1 }, responsibleAgency: 'PUSKESOS' });
    expect(await inbox(t.puskesos, caseId)).toEqual([]);
    const refused = await handle
      .executeUpdate(caseCommandUpdates.referToRegency, { args: [{ requestId: 'refer-v1', actor: officer, command: { action: 'referToRegency', reason: 'x' } }], updateId: 'refer-v1' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((refused as WorkflowUpdateFailedError).cause?.message)).toMatch(/referral step/);
    await as(t.caseWorker).post(`/cases/${caseId}/start-health-check`).expect(200);
    const dinkesTask = await arrived(t.dinkes, caseId, 'HEALTH_CHECK');
    expect(dinkesTask.agencyCode).toBe('DINKES');
    expect(await inbox(t.upt, caseId)).toEqual([]);
  });
});
