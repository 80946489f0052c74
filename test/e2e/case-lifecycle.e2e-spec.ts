import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { CaseStageKey } from '../../workflows/contracts/search-attributes';
import { signedIn } from '../helpers/identity';
import { recordHistory } from '../helpers/record-history';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Body = Record<string, unknown>;

describe('case lifecycle over HTTP (real Temporal, real PostgreSQL)', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let temporal: { client: Client; close: () => Promise<void> };
  const tokens = { pasuruan: '', supervisor: '', sukabumi: '', sukabumiSupervisor: '', auditor: '', sukabumiAuditor: '' };

  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const open = async (token: string, body: Body) => (await as(token).post('/cases').send(body).expect(201)).body as Body & { id: string };
  const cmd = (token: string, id: string, command: string, body: Body = {}, key?: string) => {
    const req = as(token).post(`/cases/${id}/${command}`);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const ok = async (token: string, id: string, command: string, body: Body = {}) => {
    const res = await cmd(token, id, command, body);
    expect([command, res.status, res.body.code]).toEqual([command, 200, undefined]);
    // Read-your-writes: once a command returned, a read shows its effect.
    const read = await as(token).get(`/cases/${id}`).expect(200);
    expect(read.body).toEqual(res.body);
    return res.body as Body;
  };
  type Entry = { seq: number; action: string; outcome: string; taskKey: string | null; payload: Body };
  /**
   * The case's ledger as an auditor reads it: numbered 1…n without gaps, chain intact. Rendered as a
   * timeline: `→STAGE` for a stage change, `action✗CODE` for a refusal, task events with their type.
   * Deliveries are left out: they run in the background, so their place among the commands varies.
   */
  const timeline = async (auditor: string, id: string): Promise<string[]> => {
    const items = (await as(auditor).get(`/cases/${id}/history`).query({ limit: 100 }).expect(200)).body.items as Entry[];
    expect(items.map((e) => e.seq)).toEqual(items.map((_, i) => i + 1));
    expect((await as(auditor).get(`/cases/${id}/history/verify`).expect(200)).body).toMatchObject({ valid: true, events: items.length, firstBroken: null });
    return items
      .filter((e) => e.action !== 'taskDelivered')
      .map((e) =>
        e.action === 'stageChanged'
          ? `→${String(e.payload.to)}`
          : e.outcome === 'REJECTED'
            ? `${e.action}✗${String(e.payload.code)}`
            : e.action.startsWith('task')
              ? `${e.action} ${(e.taskKey ?? '').split('@')[0]}`
              : e.action,
      );
  };
  const acceptedUpdates = async (id: string) =>
    ((await temporal.client.workflow.getHandle(`case-${id}`).fetchHistory()).events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    temporal = await testTemporalClient(config);
    worker = await startWorker(config);
    api = await startApi(config);
    tokens.pasuruan = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3514')).token;
    tokens.supervisor = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3514')).token;
    tokens.sukabumi = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3272')).token;
    tokens.sukabumiSupervisor = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3272')).token;
    tokens.auditor = (await signedIn(api.getHttpServer(), db, 'AUDITOR', '3514')).token;
    tokens.sukabumiAuditor = (await signedIn(api.getHttpServer(), db, 'AUDITOR', '3272')).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await temporal?.close();
    await db?.end();
  });

  it('carries an adult from Kota Sukabumi, caught in a Pasuruan razia, through repatriation to closure', async () => {
    const { pasuruan: cw, supervisor: sup, sukabumi } = tokens;
    const c = await open(cw, { channel: 'RAZIA', regionCode: '35.14', originRegionCode: '32.72', person: { name: 'Pak A', sex: 'L', approximateAge: 45 } });
    expect(c).toMatchObject({ stage: 'INTAKE', protocol: { id: '3514', version: 2 }, responsibleAgency: 'SATPOL_PP', originRegionCode: '3272', overdue: false });
    expect(Date.parse(c.deadlineAt as string) - Date.parse(c.stageEnteredAt as string)).toBe(86_400_000);

    expect(await ok(cw, c.id, 'start-health-check')).toMatchObject({ stage: 'HEALTH_CHECK', responsibleAgency: 'DINKES' });
    expect(await ok(cw, c.id, 'record-health-check', { result: 'FIT' })).toMatchObject({ stage: 'ASSESSMENT', responsibleAgency: 'DINSOS' });
    // From another region: going home any other way than repatriation is refused.
    const local = await cmd(cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-11'], decision: 'REINTEGRATION', reintegrationType: 'FAMILY_REUNIFICATION' });
    expect([local.status, local.body.code, local.body.title]).toEqual([409, 'ILLEGAL_TRANSITION', 'a person from another region takes the repatriation path']);
    expect(await ok(cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-11', 'PPKS-12'], decision: 'SHELTER', shelterType: 'ADULT' })).toMatchObject({
      stage: 'SHELTER',
      ppksCategories: ['PPKS-11', 'PPKS-12'],
    });
    expect(await ok(cw, c.id, 'leave-shelter', { next: 'REINTEGRATION', reintegrationType: 'REPATRIATION' })).toMatchObject({ stage: 'REINTEGRATION' });

    const early = await cmd(cw, c.id, 'complete-reintegration');
    expect([early.status, early.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect(early.body.title).toMatch(/receiving region's Dinsos acknowledges/);
    expect(early.body.allowedActions).toEqual(['acknowledgeRepatriation', 'completeReintegration']);
    // Only the home region acknowledges: Pasuruan cannot, Sukabumi's Dinsos can.
    expect((await cmd(cw, c.id, 'acknowledge-repatriation', { receivingOfficer: 'Bu Rina', receivingRegionCode: '32.72' })).status).toBe(403);
    const acked = await cmd(sukabumi, c.id, 'acknowledge-repatriation', { receivingOfficer: 'Bu Rina', receivingRegionCode: '32.72' }).expect(200);
    expect(acked.body.lastAction).toMatchObject({ action: 'acknowledgeRepatriation', role: 'CASE_WORKER' });

    expect(await ok(cw, c.id, 'complete-reintegration')).toMatchObject({ stage: 'MONITORING', responsibleAgency: 'PUSKESOS' });
    for (let i = 0; i < 3; i++) await ok(cw, c.id, 'record-monitoring-visit', { outcome: 'STABLE' });
    const closed = await ok(sup, c.id, 'close', { reason: 'COMPLETED', note: 'stable after six months' });
    expect(closed).toMatchObject({ stage: 'CLOSED', closure: { reason: 'COMPLETED' }, deadlineAt: null, overdue: false });

    const handle = temporal.client.workflow.getHandle(`case-${c.id}`);
    await handle.result(); // the run ends right after the close is answered (docs/adr/0005-one-local-projection-per-change.md)
    const description = await handle.describe();
    expect([description.status.name, description.typedSearchAttributes.get(CaseStageKey)]).toEqual(['COMPLETED', 'CLOSED']);
    const afterClose = await cmd(cw, c.id, 'start-health-check');
    expect([afterClose.status, afterClose.body.code]).toEqual([409, 'CASE_CLOSED']);
    await recordHistory(handle, 'lifecycle-repatriation-closed');

    expect(await timeline(tokens.auditor, c.id)).toEqual([
      'openCase',
      'startHealthCheck', '→HEALTH_CHECK', 'taskOrdered HEALTH_CHECK',
      'recordHealthCheck', '→ASSESSMENT', 'taskCancelled HEALTH_CHECK', 'taskOrdered ASSESSMENT',
      'recordAssessment✗ILLEGAL_TRANSITION',
      'recordAssessment', '→SHELTER', 'taskCancelled ASSESSMENT', 'taskOrdered SHELTER_PLACEMENT',
      'leaveShelter', '→REINTEGRATION', 'taskCancelled SHELTER_PLACEMENT', 'taskOrdered REINTEGRATION_SUPPORT', 'taskOrdered REPATRIATION_ACKNOWLEDGEMENT',
      'completeReintegration✗ILLEGAL_TRANSITION',
      'acknowledgeRepatriation',
      'completeReintegration', '→MONITORING', 'taskCancelled REINTEGRATION_SUPPORT', 'taskCancelled REPATRIATION_ACKNOWLEDGEMENT', 'taskOrdered FOLLOW_UP_VISIT',
      'recordMonitoringVisit', 'taskCancelled FOLLOW_UP_VISIT', 'taskOrdered FOLLOW_UP_VISIT',
      'recordMonitoringVisit', 'taskCancelled FOLLOW_UP_VISIT', 'taskOrdered FOLLOW_UP_VISIT',
      'recordMonitoringVisit', 'taskCancelled FOLLOW_UP_VISIT',
      'closeCase', '→CLOSED',
      'startHealthCheck✗CASE_CLOSED',
    ]);
  });

  it('puts a child from the same razia on the child track', async () => {
    const { pasuruan: cw } = tokens;
    const c = await open(cw, { channel: 'RAZIA', regionCode: '3514', person: { name: 'Anak B', sex: 'L', approximateAge: 11 } });
    await ok(cw, c.id, 'start-health-check');
    expect(await ok(cw, c.id, 'record-health-check', { result: 'FIT' })).toMatchObject({ responsibleAgency: 'DP3AP2KB' });
    const adultShelter = await cmd(cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-04'], decision: 'SHELTER', shelterType: 'ADULT', guardianConsent: { name: 'Ibu B', relationship: 'PARENT' } });
    expect([adultShelter.status, adultShelter.body.title]).toEqual([409, 'children are never sheltered with adults: shelterType must be CHILD']);
    const noConsent = await cmd(cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-04'], decision: 'SHELTER', shelterType: 'CHILD' });
    expect([noConsent.status, noConsent.body.title]).toEqual([409, "a child's plan needs the consent of a parent, guardian or institution"]);
    expect(
      await ok(cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-04'], decision: 'SHELTER', shelterType: 'CHILD', guardianConsent: { name: 'Ibu B', relationship: 'PARENT' } }),
    ).toMatchObject({ stage: 'SHELTER', responsibleAgency: 'DP3AP2KB', warnings: [] });
    await recordHistory(temporal.client.workflow.getHandle(`case-${c.id}`), 'lifecycle-child-track');
    expect(await timeline(tokens.auditor, c.id)).toEqual([
      'openCase',
      'startHealthCheck', '→HEALTH_CHECK', 'taskOrdered HEALTH_CHECK',
      'recordHealthCheck', '→ASSESSMENT', 'taskCancelled HEALTH_CHECK', 'taskOrdered CHILD_PROTECTION',
      'recordAssessment✗ILLEGAL_TRANSITION', 'recordAssessment✗ILLEGAL_TRANSITION',
      'recordAssessment', '→SHELTER', 'taskCancelled CHILD_PROTECTION', 'taskOrdered SHELTER_PLACEMENT',
    ]);
  });

  it('treats a sick person first, as in Kota Sukabumi, and refuses social handling before recovery', async () => {
    const { sukabumi: cw } = tokens;
    const c = await open(cw, { channel: 'RAZIA', regionCode: '3272', person: { name: 'Pak C', sex: 'L', approximateAge: 60 } });
    expect(c.protocol).toEqual({ id: '3272', version: 1 });
    await ok(cw, c.id, 'start-health-check');
    expect(await ok(cw, c.id, 'record-health-check', { result: 'REFERRED_TO_HOSPITAL', findings: 'fractured arm' })).toMatchObject({ stage: 'MEDICAL_TREATMENT', responsibleAgency: 'DINKES' });
    const tooEarly = await cmd(cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-08'], decision: 'SHELTER', shelterType: 'ADULT' });
    expect([tooEarly.status, tooEarly.body.code, tooEarly.body.allowedActions]).toEqual([409, 'ILLEGAL_TRANSITION', ['recordRecovery']]);
    expect(await ok(cw, c.id, 'record-recovery', { note: 'discharged from RSUD' })).toMatchObject({ stage: 'ASSESSMENT' });
    expect(await ok(cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-08'], decision: 'REHABILITATION' })).toMatchObject({ stage: 'REHABILITATION', warnings: [] });
    await recordHistory(temporal.client.workflow.getHandle(`case-${c.id}`), 'lifecycle-treatment-first');
    expect(await timeline(tokens.sukabumiAuditor, c.id)).toEqual([
      'openCase',
      'startHealthCheck', '→HEALTH_CHECK', 'taskOrdered HEALTH_CHECK',
      'recordHealthCheck', '→MEDICAL_TREATMENT', 'taskCancelled HEALTH_CHECK', 'taskOrdered MEDICAL_TREATMENT',
      'recordAssessment✗ILLEGAL_TRANSITION',
      'recordRecovery', '→ASSESSMENT', 'taskCancelled MEDICAL_TREATMENT', 'taskOrdered ASSESSMENT',
      'recordAssessment', '→REHABILITATION', 'taskCancelled ASSESSMENT', 'taskOrdered REHABILITATION', 'taskOrdered VOCATIONAL_TRAINING',
    ]);
  });

  it('rejects every illegal transition with nothing changed, in the read model or in the workflow history', async () => {
    const { pasuruan: cw } = tokens;
    const c = await open(cw, { channel: 'COMPLAINT', regionCode: '3514', person: { name: 'Ibu D', sex: 'P', approximateAge: 38 } });
    const before = await acceptedUpdates(c.id);
    const illegal: [string, Body][] = [
      ['record-health-check', { result: 'FIT' }],
      ['record-recovery', {}],
      ['record-assessment', { ppksCategories: ['PPKS-24'], decision: 'REHABILITATION' }],
      ['record-referral-refusal', { note: 'x' }],
      ['leave-shelter', { next: 'REHABILITATION' }],
      ['complete-rehabilitation', { reintegrationType: 'FAMILY_REUNIFICATION' }],
      ['acknowledge-repatriation', { receivingOfficer: 'x', receivingRegionCode: '3514' }],
      ['complete-reintegration', {}],
      ['record-monitoring-visit', { outcome: 'STABLE' }],
    ];
    for (const [command, body] of illegal) {
      const res = await cmd(cw, c.id, command, body);
      expect([command, res.status]).toEqual([command, 409]);
      expect(res.body.allowedActions).toEqual(['startHealthCheck']);
    }
    const invalid = await cmd(cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-99'], decision: 'HOME' });
    expect([invalid.status, invalid.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['ppksCategories.0', 'decision']]);
    const caseWorkerClose = await cmd(cw, c.id, 'close', { reason: 'UNFOUNDED_REPORT', note: 'x' });
    expect([caseWorkerClose.status, caseWorkerClose.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    expect((await as(cw).get(`/cases/${c.id}`).expect(200)).body).toMatchObject({ stage: 'INTAKE', version: 1 });
    expect(await acceptedUpdates(c.id)).toBe(before);
    // The ledger keeps every refusal (the malformed request never reached the case: 400 before it).
    expect(await timeline(tokens.auditor, c.id)).toEqual([
      'openCase',
      ...['recordHealthCheck', 'recordRecovery', 'recordAssessment', 'recordReferralRefusal', 'leaveShelter', 'completeRehabilitation', 'acknowledgeRepatriation', 'completeReintegration', 'recordMonitoringVisit'].map(
        (a) => `${a}✗ILLEGAL_TRANSITION`,
      ),
      'closeCase✗ROLE_NOT_ALLOWED',
    ]);
  });

  it('applies a retried command once (Idempotency-Key)', async () => {
    const { pasuruan: cw, supervisor: sup } = tokens;
    const c = await open(cw, { channel: 'RAZIA', regionCode: '3514', person: { name: 'Pak E', sex: 'L', approximateAge: 30 } });
    await ok(cw, c.id, 'start-health-check');
    await ok(cw, c.id, 'record-health-check', { result: 'FIT' });
    await ok(cw, c.id, 'record-assessment', { ppksCategories: ['PPKS-12'], decision: 'SHELTER', shelterType: 'ADULT' });
    const first = await cmd(sup, c.id, 'extend-shelter-stay', { days: 3, reason: 'bus on Friday' }, 'ext-1').expect(200);
    const again = await cmd(sup, c.id, 'extend-shelter-stay', { days: 3, reason: 'bus on Friday' }, 'ext-1').expect(200);
    expect(again.body.version).toBe(first.body.version);
    expect(Date.parse(again.body.deadlineAt) - Date.parse(again.body.stageEnteredAt)).toBe(10 * 86_400_000);
    expect((await timeline(tokens.auditor, c.id)).filter((e) => e === 'extendShelterStay')).toHaveLength(1);
  });

  it('validates NIKs in tiers: hard errors reject, soft findings are stored as warnings', async () => {
    const { pasuruan: cw } = tokens;
    const casesBefore = Number((await db.query('SELECT count(*) FROM case_view')).rows[0].count);
    const bad = await as(cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: 'F', sex: 'P', approximateAge: 30, nik: '3514019913950001' } }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'person.nik', messages: ['NIK birth day must be 01–31, or 41–71 for women', 'NIK birth month must be 01–12'] }]);
    expect(Number((await db.query('SELECT count(*) FROM case_view')).rows[0].count)).toBe(casesBefore);
    // A woman's NIK carries day + 40 (29 May 1995 → 69); recorded as L, the case opens with a warning.
    const c = await open(cw, { channel: 'RAZIA', regionCode: '3514', person: { name: 'G', sex: 'L', approximateAge: 31, nik: '3514016905950001' } });
    expect((c.warnings as { code: string }[]).map((w) => w.code)).toEqual(['NIK_SEX_MISMATCH']);
    expect((await as(cw).get(`/cases/${c.id}`).expect(200)).body.warnings).toEqual(c.warnings);
    const clean = await open(cw, { channel: 'RAZIA', regionCode: '3514', person: { name: 'H', sex: 'P', approximateAge: 31, nik: '3514016905950001', birthDate: '1995-05-29' } });
    expect(clean.warnings).toEqual([]);
  });

  it('lists by PPKS category, responsible agency and overdue', async () => {
    const { sukabumiSupervisor: sup } = tokens;
    const c = await open(sup, { channel: 'RAZIA', regionCode: '3272', person: { name: 'Anak I', sex: 'P', approximateAge: 9 } });
    await ok(sup, c.id, 'start-health-check');
    await ok(sup, c.id, 'record-health-check', { result: 'FIT' });
    await ok(sup, c.id, 'record-assessment', { ppksCategories: ['PPKS-02'], decision: 'SHELTER', shelterType: 'CHILD', guardianConsent: { name: 'LKSA X', relationship: 'INSTITUTION' } });
    const ids = async (query: Body) => ((await as(sup).get('/cases').query(query).expect(200)).body.items as { id: string }[]).map((i) => i.id);
    expect(await ids({ ppksCategory: 'PPKS-02' })).toContain(c.id);
    expect(await ids({ ppksCategory: 'PPKS-04' })).not.toContain(c.id);
    expect(await ids({ responsibleAgency: 'DP3AP2KB', stage: 'SHELTER' })).toContain(c.id);
    expect(await ids({ overdue: 'false' })).toContain(c.id);
    expect(await ids({ overdue: 'true' })).not.toContain(c.id);
    await as(sup).get('/cases').query({ ppksCategory: 'PPKS-27' }).expect(400);
  });
});
