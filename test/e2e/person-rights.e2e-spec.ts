import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Body = Record<string, unknown>;
type Person = Body & { id: string; name: string; nik: string | null; erased: boolean; erasure: Body | null; restriction: Body | null; legalHold: Body | null };
type Report = {
  person: Body & { erasure: Body | null };
  cases: { id: string; subject: Body; ledger: { action: string; payload: unknown }[]; accessLog: { route: string; actorName: string }[] }[];
};

/** A child's NIK: Kota Surabaya (35.78), born 15-05-2014, male. */
const NIK = '3578011605140002';

/**
 * Data-subject rights on the real stack (UU 27/2022, docs/personal-data.md): erasure by destroying the
 * cases' data keys, held back by an open case or a legal hold; restriction of processing; rectification;
 * the data report. Every case's ledger chain still verifies after an erasure.
 */
describe('person rights: erasure, restriction, legal hold, rectification, data report', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let config: AppConfig;
  const t = { cw: '', sup: '', auditor: '', admin: '', supElsewhere: '' };
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const open = async (person: Body) => (await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3578', person }).expect(201)).body as { id: string };
  const register = async (caseId: string) => ((await as(t.cw).post(`/cases/${caseId}/person`).send({ newPerson: true }).expect(200)).body as { personId: string }).personId;
  const close = async (caseId: string) => as(t.sup).post(`/cases/${caseId}/close`).send({ reason: 'ABSCONDED', note: 'kabur' }).expect(200);
  const erasure = { reason: 'Permintaan subjek data tertanggal 1 Desember', legalBasis: 'SUBJECT_REQUEST' };

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    t.cw = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3578')).token;
    t.sup = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3578')).token;
    t.auditor = (await signedIn(api.getHttpServer(), db, 'AUDITOR', '3578')).token;
    t.admin = (await signedIn(api.getHttpServer(), db, 'ADMIN', '3578')).token;
    t.supElsewhere = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3510')).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('holds the erasure while a case is open and under a legal hold, then erases by destroying the keys, the ledger still verifying', async () => {
    const first = await open({ name: 'Budi Santoso', sex: 'L', approximateAge: 12, nik: NIK, guardian: { name: 'Siti', relationship: 'PARENT', phone: '0812-3456-7890' } });
    const personId = await register(first.id);

    // An open case holds it back; nothing changes.
    const held = (await as(t.sup).post(`/persons/${personId}/erasure`).send(erasure).expect(409)).body as Body;
    expect(held).toMatchObject({ code: 'ERASURE_HELD', hold: 'OPEN_CASE', openCaseIds: [first.id] });
    await close(first.id);

    // A legal hold holds it back too, even with every case closed.
    const hold = (await as(t.sup).post(`/persons/${personId}/legal-hold`).send({ reason: 'Perkara di PN Surabaya', kind: 'CHILD_PROTECTION_PROCEEDINGS' }).expect(200)).body as Person;
    expect(hold.legalHold).toMatchObject({ kind: 'CHILD_PROTECTION_PROCEEDINGS', reason: 'Perkara di PN Surabaya' });
    expect(((await as(t.sup).post(`/persons/${personId}/erasure`).send(erasure).expect(409)).body as Body)).toMatchObject({ code: 'ERASURE_HELD', hold: 'LEGAL_HOLD', holds: ['LEGAL_HOLD'] });
    expect((await db.query(`SELECT wrapped IS NOT NULL AS alive FROM data_key WHERE case_id = $1`, [first.id])).rows).toEqual([{ alive: true }]);
    await as(t.sup).delete(`/persons/${personId}/legal-hold`).expect(200);

    // Who may: not a case worker, not an admin; a supervisor elsewhere finds nobody (and is security-logged).
    expect((await as(t.cw).post(`/persons/${personId}/erasure`).send(erasure).expect(403)).body.code).toBe('PERMISSION_DENIED');
    expect((await as(t.admin).post(`/persons/${personId}/erasure`).send(erasure).expect(403)).body.code).toBe('PERMISSION_DENIED');
    expect((await as(t.supElsewhere).post(`/persons/${personId}/erasure`).send(erasure).expect(404)).body.code).toBe('PERSON_NOT_FOUND');
    expect((await db.query(`SELECT 1 FROM security_event WHERE action = 'OUT_OF_SCOPE' AND target_id = $1 AND detail->>'route' = 'POST /persons/:id/<right>'`, [personId])).rowCount).toBe(1);
    // Bad input: 400, nothing erased.
    expect((await as(t.sup).post(`/persons/${personId}/erasure`).send({ reason: '', legalBasis: 'SUBJECT_REQUEST' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await as(t.sup).post(`/persons/${personId}/erasure`).send({ reason: 'x', legalBasis: 'BECAUSE' }).expect(400)).body.code).toBe('VALIDATION_FAILED');

    const erased = (await as(t.sup).post(`/persons/${personId}/erasure`).send(erasure).expect(200)).body as Person;
    expect(erased).toMatchObject({ id: personId, erased: true, name: '[dihapus]', nik: null, birthDate: null, guardian: null, aliases: [], sex: 'L', regionCode: '3578', erasure: { legalBasis: 'SUBJECT_REQUEST', byName: expect.any(String), bySystem: false, at: expect.any(String) } });
    expect(JSON.stringify(erased)).not.toContain('Budi');

    const key = await db.query(`SELECT wrapped, destroyed_at FROM data_key WHERE case_id = $1`, [first.id]);
    expect(key.rows).toEqual([{ wrapped: null, destroyed_at: expect.any(Date) }]);
    const subject = await db.query(`SELECT name, nik, birth_date, guardian, erased_at FROM case_subject WHERE case_id = $1`, [first.id]);
    expect(subject.rows).toEqual([{ name: null, nik: null, birth_date: null, guardian: null, erased_at: expect.any(Date) }]);
    const row = await db.query(`SELECT name, nik, birth_date, guardian_name, guardian_contact, aliases, sex, birth_year, erasure_basis, erasure_reason FROM person WHERE id = $1`, [personId]);
    expect(row.rows).toEqual([{ name: '[dihapus]', nik: null, birth_date: null, guardian_name: null, guardian_contact: null, aliases: [], sex: 'L', birth_year: 2014, erasure_basis: 'SUBJECT_REQUEST', erasure_reason: erasure.reason }]);
    // The ledger names the basis and the actor, never the reason; the chain is intact.
    const event = await db.query<{ payload: Body; actor_role: string }>(`SELECT payload, actor_role FROM case_event WHERE case_id = $1 AND action = 'personErased'`, [first.id]);
    expect(event.rows).toEqual([{ payload: { personId, legalBasis: 'SUBJECT_REQUEST' }, actor_role: 'SUPERVISOR' }]);
    expect((await as(t.auditor).get(`/cases/${first.id}/history/verify`).expect(200)).body).toMatchObject({ valid: true });

    // Irreversible, and nothing left to change; the record shows the erasure.
    expect((await as(t.sup).post(`/persons/${personId}/erasure`).send(erasure).expect(409)).body.code).toBe('PERSON_ERASED');
    expect((await as(t.cw).patch(`/persons/${personId}`).send({ aliases: ['Ucok'] }).expect(409)).body.code).toBe('PERSON_ERASED');
    expect((await as(t.cw).get(`/persons/${personId}`).expect(200)).body).toMatchObject({ erased: true, erasure: { legalBasis: 'SUBJECT_REQUEST' } });
    // A merged-away record is erased through the one it was merged into.
    const second = await open({ name: 'Budi S', sex: 'L', approximateAge: 12 });
    const secondPerson = await register(second.id);
    await close(second.id);
    const keeper = await register((await open({ name: 'Budi Susanto', sex: 'L', approximateAge: 12 })).id);
    await as(t.sup).post(`/persons/${keeper}/merge`).send({ otherPersonId: secondPerson }).expect(201);
    expect((await as(t.sup).post(`/persons/${secondPerson}/erasure`).send(erasure).expect(409)).body.code).toBe('PERSON_MERGED');
    // Search finds nobody by the old NIK.
    expect(((await as(t.cw).post('/persons/search').send({ q: NIK }).expect(200)).body as { items: unknown[] }).items).toEqual([]);

    // The data report shows the erasure and [dihapus] where the personal values were.
    const report = await as(t.auditor).get(`/persons/${personId}/data-report`).expect(200);
    expect(report.headers['content-disposition']).toBe(`attachment; filename="data-report-${personId}.json"`);
    const body = report.body as Report;
    expect(body.person).toMatchObject({ erased: true, name: '[dihapus]', erasure: { legalBasis: 'SUBJECT_REQUEST', reason: erasure.reason } });
    expect(body.cases).toEqual([expect.objectContaining({ id: first.id, subject: expect.objectContaining({ name: null, nik: null, erasedAt: expect.any(String) }) })]);
    expect(JSON.stringify(body)).not.toContain('Budi');
    expect(JSON.stringify(body)).not.toContain(NIK);
    // The opening's sealed person can no longer be opened (its key is gone): marked erased, sex and age left.
    expect(body.cases[0]?.ledger[0]).toMatchObject({ action: 'openCase', payload: { person: { sex: 'L', approximateAge: 12, erased: true } } });
    expect(body.cases[0]?.ledger.map((e) => e.action)).toEqual(expect.arrayContaining(['openCase', 'personLinked', 'personLegalHoldSet', 'personLegalHoldLifted', 'personErased']));
  });

  it('reports everything held about a person, opened, with who read it; the read itself access-logged', async () => {
    const kase = await open({ name: 'Ani Wulandari', sex: 'P', approximateAge: 30 });
    const personId = await register(kase.id);
    await as(t.cw).get(`/persons/${personId}`).expect(200);
    expect((await as(t.cw).get(`/persons/${personId}/data-report`).expect(403)).body.code).toBe('PERMISSION_DENIED');
    expect((await as(t.admin).get(`/persons/${personId}/data-report`).expect(403)).body.code).toBe('PERMISSION_DENIED');
    expect((await as(t.supElsewhere).get(`/persons/${personId}/data-report`).expect(404)).body.code).toBe('PERSON_NOT_FOUND');
    await as(t.sup).get(`/persons/${personId}/data-report`).query({ format: 'csv' }).expect(400);

    const body = (await as(t.sup).get(`/persons/${personId}/data-report`).expect(200)).body as Report;
    expect(body.person).toMatchObject({ id: personId, name: 'Ani Wulandari', erased: false, erasure: null });
    const [c] = body.cases;
    expect(c).toMatchObject({ id: kase.id, subject: expect.objectContaining({ name: 'Ani Wulandari' }) });
    // The ledger opened: the name given at opening, sealed there, reads in clear.
    expect(c?.ledger[0]).toMatchObject({ action: 'openCase' });
    expect(JSON.stringify(c?.ledger[0])).toContain('Ani Wulandari');
    expect(JSON.stringify(c?.ledger[0])).not.toContain('$sealed');
    expect(c?.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ route: 'GET /persons/:id' })]));
    const logged = await db.query(`SELECT actor_role FROM personal_data_access WHERE route = 'GET /persons/:id/data-report' AND case_id = $1`, [kase.id]);
    expect(logged.rows).toEqual([{ actor_role: 'SUPERVISOR' }]);
  });

  it('refuses edits while processing is restricted, until it is lifted; each change a ledger entry without the reason', async () => {
    const kase = await open({ name: 'Joko', sex: 'L', approximateAge: 40 });
    const personId = await register(kase.id);
    expect((await as(t.cw).post(`/persons/${personId}/restriction`).send({ reason: 'menyangkal' }).expect(403)).body.code).toBe('PERMISSION_DENIED');
    const restricted = (await as(t.sup).post(`/persons/${personId}/restriction`).send({ reason: 'Subjek menyangkal keakuratan data' }).expect(200)).body as Person;
    expect(restricted.restriction).toMatchObject({ reason: 'Subjek menyangkal keakuratan data' });
    // Setting it again changes nothing.
    await as(t.sup).post(`/persons/${personId}/restriction`).send({ reason: 'lagi' }).expect(200);
    expect((await as(t.cw).patch(`/persons/${personId}`).send({ aliases: ['Jack'] }).expect(409)).body.code).toBe('PROCESSING_RESTRICTED');
    // Nor merged, either way round.
    const other = await register((await open({ name: 'Joko S', sex: 'L', approximateAge: 40 })).id);
    expect((await as(t.sup).post(`/persons/${other}/merge`).send({ otherPersonId: personId }).expect(409)).body.code).toBe('PROCESSING_RESTRICTED');
    expect((await as(t.sup).post(`/persons/${personId}/merge`).send({ otherPersonId: other }).expect(409)).body.code).toBe('PROCESSING_RESTRICTED');
    const events = await db.query<{ action: string; payload: Body }>(`SELECT action, payload FROM case_event WHERE case_id = $1 AND action LIKE 'personRestrict%' ORDER BY seq`, [kase.id]);
    expect(events.rows).toEqual([{ action: 'personRestricted', payload: { personId } }]);

    await as(t.sup).delete(`/persons/${personId}/restriction`).expect(200);
    await as(t.cw).patch(`/persons/${personId}`).send({ aliases: ['Jack'] }).expect(200);
    expect((await db.query(`SELECT action FROM case_event WHERE case_id = $1 AND action = 'personRestrictionLifted'`, [kase.id])).rowCount).toBe(1);
  });

  it('corrects name, NIK, birth date and sex, the ledger naming the fields and never the values', async () => {
    const kase = await open({ name: 'Rina', sex: 'P', approximateAge: 11 });
    const personId = await register(kase.id);
    // A NIK whose date part is impossible (day 45 = female, 15th; month 13) is refused.
    expect((await as(t.cw).patch(`/persons/${personId}`).send({ nik: '3578014513140002' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await as(t.cw).patch(`/persons/${personId}`).send({ nik: '12345' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await as(t.cw).patch(`/persons/${personId}`).send({ birthDate: '2999-01-01' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await as(t.cw).patch(`/persons/${personId}`).send({ sex: 'X' }).expect(400)).body.code).toBe('VALIDATION_FAILED');

    const fixed = (await as(t.cw).patch(`/persons/${personId}`).send({ name: 'Rina Marlina', nik: '3578015505140002', birthDate: '2014-05-15', sex: 'P' }).expect(200)).body as Person;
    expect(fixed).toMatchObject({ name: 'Rina Marlina', nik: '3578015505140002', birthDate: '2014-05-15', birthYear: 2014, birthYearApproximate: false });
    const entries = await db.query<{ payload: Body; summary: string }>(`SELECT payload, summary FROM case_event WHERE case_id = $1 AND action = 'personUpdated'`, [kase.id]);
    expect(entries.rows).toEqual([{ payload: { personId, fields: ['name', 'nik', 'birthDate'] }, summary: 'person updated: name, nik, birthDate' }]);
    expect(JSON.stringify(entries.rows)).not.toContain('Marlina');
    // What the case recorded at opening stays as given.
    expect((await db.query(`SELECT name FROM case_subject WHERE case_id = $1`, [kase.id])).rows).toEqual([{ name: 'Rina' }]);
  });
});
