import { randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { ProtocolRegistry } from '../../src/protocols/protocol-registry';
import { confirmOpenedUpdate } from '../../workflows/case/case.messages';
import type { OpenCaseInput } from '../../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/contracts/case';
import { eventually } from '../helpers/eventually';
import { createAgency, signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

/** Characters no free-text field may hold: each once poisoned a case or let a name read as another. */
const HOSTILE = { nul: 'a\u0000b', escape: 'a\u001Bb', rtlOverride: 'Budi\u202Eodnas', zeroWidth: 'Bu\u200Bdi', loneSurrogate: 'Budi\uD800' };

describe('free text from outside: refused when hostile, normalised when not (real stack)', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let temporal: { client: Client; close: () => Promise<void> };
  const t = {} as Record<'cw' | 'supervisor' | 'dinkes' | 'auditor', string>;
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const open = async (name = 'Sari') => (await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name, sex: 'P', approximateAge: 30 } }).expect(201)).body as { id: string; version: number };

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    temporal = await testTemporalClient(config);
    const dinkes = await createAgency(db, 'DINKES', '3514');
    worker = await startWorker(config);
    api = await startApi(config);
    t.cw = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3514')).token;
    t.supervisor = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3514')).token;
    t.auditor = (await signedIn(api.getHttpServer(), db, 'AUDITOR', '3514')).token;
    t.dinkes = (await signedIn(api.getHttpServer(), db, 'AGENCY_OFFICER', '3514', dinkes)).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await temporal?.close();
    await db?.end();
  });

  it('refuses a NUL in health findings with 400 and changes nothing; the case goes on', async () => {
    const c = await open();
    await as(t.cw).post(`/cases/${c.id}/start-health-check`).expect(200);
    const poisoned = await as(t.cw).post(`/cases/${c.id}/record-health-check`).send({ result: 'FIT', findings: 'a\u0000b' }).expect(400);
    expect(poisoned.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'findings' }] });
    expect((await as(t.cw).get(`/cases/${c.id}`).expect(200)).body).toMatchObject({ stage: 'HEALTH_CHECK', version: 2 });
    const fine = await as(t.cw).post(`/cases/${c.id}/record-health-check`).send({ result: 'FIT', findings: 'tidak ada keluhan' }).expect(200);
    expect(fine.body.stage).toBe('ASSESSMENT');
  });

  it.each(Object.entries(HOSTILE))('refuses %s in every free-text field of every route', async (_what, bad) => {
    const c = await open();
    const cases: [string, object][] = [
      ['/cases', { channel: 'RAZIA', regionCode: '3514', person: { name: bad, sex: 'P', approximateAge: 30 } }],
      [`/cases/${c.id}/record-health-check`, { result: 'FIT', findings: bad }],
      [`/cases/${c.id}/record-recovery`, { note: bad }],
      [`/cases/${c.id}/record-assessment`, { ppksCategories: ['PPKS-11'], decision: 'SHELTER', shelterType: 'ADULT', summary: bad }],
      [`/cases/${c.id}/record-assessment`, { ppksCategories: ['PPKS-04'], decision: 'SHELTER', shelterType: 'CHILD', guardianConsent: { name: bad, relationship: 'PARENT' } }],
      [`/cases/${c.id}/record-assessment`, { ppksCategories: ['PPKS-11'], decision: 'REHABILITATION', refusalOverride: bad }],
      [`/cases/${c.id}/record-referral-refusal`, { note: bad }],
      [`/cases/${c.id}/extend-shelter-stay`, { days: 3, reason: bad }],
      [`/cases/${c.id}/leave-shelter`, { next: 'REHABILITATION', refusalOverride: bad }],
      [`/cases/${c.id}/acknowledge-repatriation`, { receivingOfficer: bad, receivingRegionCode: '3514' }],
      [`/cases/${c.id}/record-monitoring-visit`, { outcome: 'STABLE', note: bad }],
      [`/cases/${c.id}/close`, { reason: 'ABSCONDED', note: bad }],
    ];
    for (const [path, body] of cases) {
      const res = await as(path.endsWith('/close') || path.endsWith('extend-shelter-stay') ? t.supervisor : t.cw).post(path).send(body);
      expect([path, res.status, res.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
    }
    expect((await as(t.cw).get(`/cases/${c.id}`).expect(200)).body.version).toBe(c.version);
  });

  it('refuses hostile text in task outcomes and rejection reasons before the workflow sees it', async () => {
    const c = await open();
    await as(t.cw).post(`/cases/${c.id}/start-health-check`).expect(200);
    const task = await eventually(
      async () => ((await as(t.dinkes).get('/tasks').query({ caseId: c.id }).expect(200)).body.items as { id: string }[])[0],
      (found) => found !== undefined,
    );
    for (const bad of Object.values(HOSTILE)) {
      const outcome = await as(t.dinkes).post(`/tasks/${task?.id}/complete`).send({ outcome: { result: 'FIT', findings: bad } });
      expect([outcome.status, outcome.body.code, outcome.body.errors?.[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'outcome.findings']);
      const reason = await as(t.dinkes).post(`/tasks/${task?.id}/reject`).send({ reason: bad });
      expect([reason.status, reason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const unknownField = await as(t.dinkes).post(`/tasks/${task?.id}/complete`).send({ outcome: { result: 'FIT', diagnosis: 'x' } });
    expect([unknownField.status, unknownField.body.errors?.[0]?.field]).toEqual([400, 'outcome']);
  });

  it('stores text in Unicode NFC without surrounding blanks; newlines in notes, never in names', async () => {
    const decomposed = 'Jose\u0301 Ramo\u0301n';
    const c = await open(`  ${decomposed}  `);
    expect((await as(t.cw).get(`/cases/${c.id}`).expect(200)).body.person.name).toBe('José Ramón');
    const twoLines = await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: 'Sari\nDewi', sex: 'P', approximateAge: 30 } });
    expect(twoLines.status).toBe(400);
    await as(t.supervisor).post(`/cases/${c.id}/close`).send({ reason: 'ABSCONDED', note: 'pergi malam hari\r\ntanpa pamit' }).expect(200);
    expect((await as(t.cw).get(`/cases/${c.id}`).expect(200)).body.closure).toEqual({ reason: 'ABSCONDED', note: 'pergi malam hari\ntanpa pamit' });
  });

  it('lists a case whose data the database refused for supervisors, in /health and in /metrics, while it goes on', async () => {
    // A caller that bypasses the API (the workflow's own input is not validated by it): a NUL in a name.
    const caseId = randomUUID();
    const input: OpenCaseInput = {
      caseId,
      channel: 'RAZIA',
      regionCode: '3514',
      person: { name: 'a\u0000b', sex: 'L', approximateAge: 30 },
      protocol: ProtocolRegistry.fromDirectory(config.protocolsDir).forRegion('3514'),
    };
    const handle = await temporal.client.workflow.start(CASE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(caseId), taskQueue: config.temporal.taskQueue, args: [input] });
    await handle.executeUpdate(confirmOpenedUpdate, { updateId: 'confirm-opened' });
    const listed = await as(t.supervisor).get('/cases/attention').expect(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ caseId, regionCode: '3514', operation: 'projectCase', sqlstate: '22021' }));
    expect(JSON.stringify(listed.body)).not.toContain('a\\u0000b');
    const other = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3510')).token;
    expect((await as(other).get('/cases/attention').expect(200)).body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);
    const health = await request(api.getHttpServer()).get('/health').expect(200);
    expect(health.body.info.attention.casesNeedingAttention).toBeGreaterThanOrEqual(1);
    const metrics = await request(api.getHttpServer()).get('/metrics').expect(200);
    expect(Number(/^sinergi_cases_needing_attention (\d+)$/m.exec(metrics.text)?.[1])).toBeGreaterThanOrEqual(1);
  });
});
