import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { projectRoot } from '../../src/config/project-root';
import { retentionScheduleId } from '../../src/worker/retention-schedule';
import { eventually } from '../helpers/eventually';
import { signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool, testTemporalClient } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Body = Record<string, unknown>;
type Person = Body & { id: string; erased: boolean; erasure: Body | null };
type Entry = { action: string; actor: { id: string; role: string }; payload: Body };
type Counts = { personsErased: number; casesErased: number };

/** Kota Sukabumi: its protocol gets a version 2 (in a copy of the folder) whose retention is two seconds. */
const REGION = '3272';

/**
 * The retention sweep on the real stack (UU 27/2022 Pasal 42, docs/personal-data.md "Retention"): the
 * worker's Temporal Schedule erases, as SYSTEM with the basis RETENTION_EXPIRED, a registered person whose
 * cases all closed longer ago than their protocol's retention, and the subject of a closed case never
 * linked to anyone; a person under a legal hold and one with an open case stay. A second sweep finds
 * nothing. Only cases pinned to the test's own protocol version can be due: other files' cases keep the
 * five-year default.
 */
describe('retention: personal data erased when the retention period is over', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let temporal: { client: Client; close: () => Promise<void> };
  let protocolsDir: string;
  const t = { cw: '', sup: '', auditor: '' };

  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const open = async (name: string) =>
    ((await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: REGION, person: { name, sex: 'L', approximateAge: 40 } }).expect(201)).body as { id: string; protocol: Body });
  const register = async (caseId: string) => ((await as(t.cw).post(`/cases/${caseId}/person`).send({ newPerson: true }).expect(200)).body as { personId: string }).personId;
  const close = (caseId: string) => as(t.sup).post(`/cases/${caseId}/close`).send({ reason: 'ABSCONDED', note: 'kabur' }).expect(200);
  const person = async (id: string) => (await as(t.sup).get(`/persons/${id}`).expect(200)).body as Person;
  const ledger = async (caseId: string) => (await as(t.auditor).get(`/cases/${caseId}/history`).query({ limit: 100 }).expect(200)).body.items as Entry[];
  const keyAlive = async (caseId: string) => (await db.query<{ alive: boolean }>('SELECT wrapped IS NOT NULL AS alive FROM data_key WHERE case_id = $1', [caseId])).rows[0]?.alive;
  const subjectName = async (caseId: string) => (await db.query<{ name: string | null }>('SELECT name FROM case_subject WHERE case_id = $1', [caseId])).rows[0]?.name;

  beforeAll(async () => {
    protocolsDir = mkdtempSync(join(tmpdir(), 'retention-protocols-'));
    cpSync(join(projectRoot(), 'protocols'), protocolsDir, { recursive: true });
    const latest = JSON.parse(readFileSync(join(protocolsDir, `${REGION}.v1.json`), 'utf8')) as Body;
    writeFileSync(join(protocolsDir, `${REGION}.v2.json`), JSON.stringify({ ...latest, version: 2, personalDataRetention: 'PT2S' }));
    // The worker keeps the retention sweep's Temporal Schedule, every second (production: daily).
    config = testConfig({ SINERGI_PROTOCOLS_DIR: protocolsDir, SINERGI_RETENTION_SWEEP_SECONDS: '1' });
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    temporal = await testTemporalClient(config);
    t.cw = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', REGION)).token;
    t.sup = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', REGION)).token;
    t.auditor = (await signedIn(api.getHttpServer(), db, 'AUDITOR', REGION)).token;
  });

  afterAll(async () => {
    await temporal?.client.schedule.getHandle(retentionScheduleId(config.temporal.taskQueue)).delete().catch(() => undefined);
    await api?.close();
    await worker?.close();
    await temporal?.close();
    await db?.end();
    rmSync(protocolsDir, { recursive: true, force: true });
  });

  it('erases the persons and unlinked cases whose retention is over, as SYSTEM; keeps the held and the open; a second sweep erases nothing', async () => {
    // Due: a registered person whose only case is closed; a closed case never linked to anyone.
    const done = await open('Budi Santoso');
    expect(done.protocol).toEqual({ id: REGION, version: 2 });
    const donePerson = await register(done.id);
    const unlinked = await open('Slamet Riyadi');
    // Kept: a person under a legal hold (set before the case closes), and one whose case is still open.
    const held = await open('Agus Salim');
    const heldPerson = await register(held.id);
    await as(t.sup).post(`/persons/${heldPerson}/legal-hold`).send({ reason: 'Perkara di PN Sukabumi', kind: 'LAW_ENFORCEMENT' }).expect(200);
    const openCase = await open('Joko Widodo');
    const openPerson = await register(openCase.id);
    for (const c of [done, unlinked, held]) await close(c.id);

    const erased = await eventually(() => person(donePerson), (p) => p.erased, 30_000);
    expect(erased).toMatchObject({ erased: true, name: '[dihapus]', nik: null, erasure: { legalBasis: 'RETENTION_EXPIRED', byName: 'Sinergi', bySystem: true } });
    const row = await db.query('SELECT erased_by_id, erasure_basis FROM person WHERE id = $1', [donePerson]);
    expect(row.rows).toEqual([{ erased_by_id: 'system', erasure_basis: 'RETENTION_EXPIRED' }]);
    expect(await keyAlive(done.id)).toBe(false);
    expect(await subjectName(done.id)).toBeNull();
    const personErased = (await ledger(done.id)).filter((e) => e.action === 'personErased');
    expect(personErased).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: 'system', role: 'SYSTEM' }), payload: { personId: donePerson, legalBasis: 'RETENTION_EXPIRED' } })]);
    expect((await as(t.auditor).get(`/cases/${done.id}/history/verify`).expect(200)).body).toMatchObject({ valid: true });

    // The unlinked case: its subject emptied, its key destroyed, the ledger says so and still verifies.
    await eventually(() => keyAlive(unlinked.id), (alive) => alive === false, 30_000);
    expect(await subjectName(unlinked.id)).toBeNull();
    const caseErased = (await ledger(unlinked.id)).filter((e) => e.action === 'caseSubjectErased');
    expect(caseErased).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: 'system', role: 'SYSTEM' }), payload: { legalBasis: 'RETENTION_EXPIRED' } })]);
    expect((await as(t.auditor).get(`/cases/${unlinked.id}/history/verify`).expect(200)).body).toMatchObject({ valid: true });
    expect((await as(t.cw).get(`/cases/${unlinked.id}`).expect(200)).body).toMatchObject({ person: { name: '[dihapus]', erased: true } });

    // The held person and the one with an open case are untouched.
    expect(await person(heldPerson)).toMatchObject({ erased: false, name: 'Agus Salim', legalHold: expect.objectContaining({ kind: 'LAW_ENFORCEMENT' }) });
    expect(await person(openPerson)).toMatchObject({ erased: false, name: 'Joko Widodo' });
    expect([await keyAlive(held.id), await keyAlive(openCase.id)]).toEqual([true, true]);
    expect([await subjectName(held.id), await subjectName(openCase.id)]).toEqual(['Agus Salim', 'Joko Widodo']);

    // The scheduled runs' results are counts only; together they erased the one person and the one case.
    const schedule = await temporal.client.schedule.getHandle(retentionScheduleId(config.temporal.taskQueue)).describe();
    const results = await Promise.all(
      schedule.info.recentActions.map((a) => temporal.client.workflow.getHandle(a.action.workflow.workflowId, a.action.workflow.firstExecutionRunId).result() as Promise<Counts>),
    );
    for (const r of results) expect(Object.keys(r).sort()).toEqual(['casesErased', 'personsErased']);
    expect(results.reduce((sum, r) => sum + r.personsErased, 0)).toBeGreaterThanOrEqual(1);
    expect(results.reduce((sum, r) => sum + r.casesErased, 0)).toBeGreaterThanOrEqual(1);

    // A second sweep finds nothing of this file's left to erase, and writes nothing more.
    const again = await temporal.client.workflow.execute('retentionSweep', { taskQueue: config.temporal.taskQueue, workflowId: `retention-again-${done.id}` });
    expect(again).toEqual({ personsErased: 0, casesErased: 0 });
    expect((await ledger(done.id)).filter((e) => e.action === 'personErased')).toHaveLength(1);
    expect((await ledger(unlinked.id)).filter((e) => e.action === 'caseSubjectErased')).toHaveLength(1);
  });
});
