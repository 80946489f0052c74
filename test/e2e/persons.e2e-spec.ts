import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Body = Record<string, unknown>;
type CaseRef = { id: string; stage: string; closure: { reason: string; at: string } | null };
type Candidate = { personId: string; score: number; why: string; name: string; cases: CaseRef[] };
type Repeat = { count: number; lastClosure: { reason: string; at: string } | null; lastStage: string } | null;

/** A child's NIK: Kota Surabaya (35.78), born 15-05-2014, male. */
const NIK = '3578011505140001';

/**
 * The person registry on the real stack (Temporal, worker, PostgreSQL): one person, many cases. The
 * same child opened twice is offered as a match (by NIK, by a spelling variant of the name), linked,
 * and the second case is a repeat; supervisors merge two records and undo it, every case's ledger
 * chain still verifying; bad requests change nothing.
 */
describe('persons: one person, many cases', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let config: AppConfig;
  const t = { cw: '', sup: '', auditor: '', elsewhere: '', supElsewhere: '' };
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const open = async (person: Body, token = t.cw, regionCode = '3578') => (await as(token).post('/cases').send({ channel: 'RAZIA', regionCode, person }).expect(201)).body as Body & { id: string; personMatches: Candidate[] };
  const decide = async (caseId: string, body: Body, token = t.cw) => (await as(token).post(`/cases/${caseId}/person`).send(body).expect(200)).body as { personId: string; decision: string; repeat: Repeat };
  const getCase = async (id: string) => (await as(t.cw).get(`/cases/${id}`).expect(200)).body as { personId: string | null; repeat: Repeat };
  const verify = async (id: string) => (await as(t.auditor).get(`/cases/${id}/history/verify`).expect(200)).body as { valid: boolean };
  const ledgerCount = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM case_event')).rows[0]?.n);
  const timelineActions = async (id: string) => ((await as(t.cw).get(`/cases/${id}/timeline?limit=100`).expect(200)).body as { items: { action: string }[] }).items.map((e) => e.action);

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    t.cw = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3578')).token;
    t.sup = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3578')).token;
    t.auditor = (await signedIn(api.getHttpServer(), db, 'AUDITOR', '3578')).token;
    t.elsewhere = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3510')).token;
    t.supElsewhere = (await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3510')).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('offers the child opened again with the same NIK, and once linked the second case is a repeat with the first visible', async () => {
    const first = await open({ name: 'Budi', sex: 'L', approximateAge: 12, nik: NIK });
    expect(first.personMatches).toEqual([]);
    const registered = await decide(first.id, { newPerson: true });
    expect(registered).toMatchObject({ decision: 'NEW_PERSON', repeat: null });

    // Another name (street names change), the same NIK.
    const second = await open({ name: 'Ucok', sex: 'L', approximateAge: 11, nik: NIK });
    expect(second.personMatches).toEqual([expect.objectContaining({ personId: registered.personId, score: 1, why: 'NIK', cases: [expect.objectContaining({ id: first.id, stage: 'INTAKE', closure: null })] })]);
    const linked = await decide(second.id, { personId: registered.personId });
    expect(linked).toMatchObject({ personId: registered.personId, decision: 'LINKED_EXISTING', repeat: { count: 1, lastClosure: null, lastStage: 'INTAKE' } });
    expect(await getCase(second.id)).toMatchObject({ personId: registered.personId, repeat: { count: 1, lastStage: 'INTAKE' } });
    // The first case is no repeat: nothing of this person was opened before it.
    expect(await getCase(first.id)).toMatchObject({ personId: registered.personId, repeat: null });

    const person = (await as(t.cw).get(`/persons/${registered.personId}`).expect(200)).body as { nik: string; cases: CaseRef[] };
    expect(person.nik).toBe(NIK);
    expect(person.cases.map((c) => c.id)).toEqual([first.id, second.id]);
    const logged = await db.query(`SELECT case_id FROM personal_data_access WHERE route = 'GET /persons/:id' AND case_id = ANY($1)`, [[first.id, second.id]]);
    expect(logged.rowCount).toBe(2);
    expect(await timelineActions(second.id)).toContain('personLinked');
    expect(await verify(second.id)).toMatchObject({ valid: true });
  });

  it('finds "Muhamad Rizki" for "Muhammad Rizky" (same sex, birth year, region), not another boy of that age, and shows how the earlier case ended', async () => {
    const rizki = await open({ name: 'Muhamad Rizki', sex: 'L', approximateAge: 9 });
    const person = await decide(rizki.id, { newPerson: true });
    const rizal = await open({ name: 'Muhammad Rizal', sex: 'L', approximateAge: 9 });
    expect(rizal.personMatches.map((m) => m.personId)).not.toContain(person.personId);
    await decide(rizal.id, { newPerson: true });
    await as(t.sup).post(`/cases/${rizki.id}/close`).send({ reason: 'ABSCONDED', note: 'kabur' }).expect(200);

    const again = await open({ name: 'Muhammad Rizky', sex: 'L', approximateAge: 10 });
    expect(again.personMatches).toEqual([expect.objectContaining({ personId: person.personId, why: 'NAME+SEX+YEAR+REGION', name: 'Muhamad Rizki' })]);
    const [match] = again.personMatches as [Candidate];
    expect(match.score).toBeGreaterThanOrEqual(0.7);
    expect(match.score).toBeLessThanOrEqual(1);
    expect(match.cases).toEqual([expect.objectContaining({ id: rizki.id, stage: 'CLOSED', closure: { reason: 'ABSCONDED', at: expect.any(String) } })]);
    // A girl of that name and age is someone else; so is a boy of another region.
    expect((await open({ name: 'Muhammad Rizky', sex: 'P', approximateAge: 10 })).personMatches).toEqual([]);
    expect((await open({ name: 'Muhammad Rizky', sex: 'L', approximateAge: 10 }, t.elsewhere, '3510')).personMatches).toEqual([]);

    // The case page asks again, on demand.
    const candidates = (await as(t.cw).get(`/cases/${again.id}/person-candidates`).expect(200)).body as { personId: string | null; items: Candidate[] };
    expect(candidates).toMatchObject({ personId: null, items: [expect.objectContaining({ personId: person.personId })] });
    const linked = await decide(again.id, { personId: person.personId });
    expect(linked.repeat).toEqual({ count: 1, lastClosure: { reason: 'ABSCONDED', at: expect.any(String) }, lastStage: 'CLOSED' });

    // repeat=true lists the repeat, not the first case; the search takes the filter too.
    const repeats = (await as(t.cw).get('/cases').query({ repeat: 'true', regionCode: '3578', limit: 100 }).expect(200)).body as { items: { id: string; repeat: Repeat }[] };
    expect(repeats.items.map((c) => c.id)).toContain(again.id);
    expect(repeats.items.map((c) => c.id)).not.toContain(rizki.id);
    expect(repeats.items.every((c) => c.repeat !== null && c.repeat.count >= 1)).toBe(true);
    const firsts = (await as(t.cw).get('/cases').query({ repeat: 'false', regionCode: '3578', limit: 100 }).expect(200)).body as { items: { id: string }[] };
    expect(firsts.items.map((c) => c.id)).toContain(rizki.id);
    expect(firsts.items.map((c) => c.id)).not.toContain(again.id);
    const found = (await as(t.cw).post('/cases/search').send({ q: 'Rizky', repeat: true }).expect(200)).body as { items: { id: string }[] };
    expect(found.items.map((c) => c.id)).toEqual([again.id]);
    await as(t.cw).get('/cases').query({ repeat: 'maybe' }).expect(400);
  });

  it('lets a supervisor merge two records of one person and undo it exactly, every case still verifying', async () => {
    const a = await open({ name: 'Dewi Lestari', sex: 'P', approximateAge: 25 });
    const keep = await decide(a.id, { newPerson: true });
    const b = await open({ name: 'Dewi Lestary', sex: 'P', approximateAge: 26 });
    const other = await decide(b.id, { newPerson: true }); // "Orang baru", although offered: a wrong decision
    const c = await open({ name: 'Dewi L', sex: 'P', approximateAge: 25 });
    await decide(c.id, { personId: other.personId });

    await as(t.cw).post(`/persons/${keep.personId}/merge`).send({ otherPersonId: other.personId }).expect(403);
    const merge = (await as(t.sup).post(`/persons/${keep.personId}/merge`).send({ otherPersonId: other.personId }).expect(201)).body as { mergeId: string; movedCaseIds: string[] };
    expect(merge.movedCaseIds.sort()).toEqual([b.id, c.id].sort());
    expect(await getCase(b.id)).toMatchObject({ personId: keep.personId, repeat: { count: 1 } });
    expect(((await as(t.cw).get(`/persons/${other.personId}`).expect(200)).body as Body).mergedInto).toBe(keep.personId);
    expect(((await as(t.cw).get(`/persons/${keep.personId}`).expect(200)).body as { cases: CaseRef[] }).cases.map((x) => x.id)).toEqual([a.id, b.id, c.id]);
    // Into a merged person, or a person into itself: refused, nothing changed.
    const before = await ledgerCount();
    expect((await as(t.sup).post(`/persons/${other.personId}/merge`).send({ otherPersonId: keep.personId }).expect(409)).body.code).toBe('PERSON_MERGED');
    expect((await as(t.sup).post(`/persons/${keep.personId}/merge`).send({ otherPersonId: keep.personId }).expect(409)).body.code).toBe('MERGE_INTO_ITSELF');
    const d = await open({ name: 'Dewi Lestari', sex: 'P', approximateAge: 25 });
    const afterOpen = await ledgerCount();
    expect((await as(t.cw).post(`/cases/${d.id}/person`).send({ personId: other.personId }).expect(409)).body.code).toBe('PERSON_MERGED');
    expect(await ledgerCount()).toBe(afterOpen);
    expect(afterOpen).toBeGreaterThan(before); // only the new case's own opening

    const undone = (await as(t.sup).post(`/persons/merges/${merge.mergeId}/undo`).expect(200)).body as { undoneAt: string | null };
    expect(undone.undoneAt).not.toBeNull();
    expect(await getCase(b.id)).toMatchObject({ personId: other.personId, repeat: null });
    expect(await getCase(c.id)).toMatchObject({ personId: other.personId, repeat: { count: 1 } });
    const restored = await db.query<{ case_id: string; decision: string }>('SELECT case_id, decision FROM case_person WHERE case_id = ANY($1) ORDER BY decision', [[b.id, c.id]]);
    expect(restored.rows.map((r) => [r.case_id, r.decision])).toEqual([[c.id, 'LINKED_EXISTING'], [b.id, 'NEW_PERSON']]);
    const n = await ledgerCount();
    expect((await as(t.sup).post(`/persons/merges/${merge.mergeId}/undo`).expect(409)).body.code).toBe('MERGE_ALREADY_UNDONE');
    expect(await ledgerCount()).toBe(n);

    for (const id of [a.id, b.id, c.id]) {
      expect(await verify(id)).toMatchObject({ valid: true });
      expect(await timelineActions(id)).toEqual(expect.arrayContaining(['personsMerged', 'personMergeUndone']));
    }

    // A wrong link undone by a supervisor (not a case worker), once.
    await as(t.cw).delete(`/cases/${c.id}/person`).expect(403);
    expect((await as(t.sup).delete(`/cases/${c.id}/person`).expect(200)).body).toMatchObject({ personId: null, decision: null, repeat: null });
    expect((await as(t.sup).delete(`/cases/${c.id}/person`).expect(409)).body.code).toBe('PERSON_NOT_DECIDED');
    expect(await timelineActions(c.id)).toContain('personUnlinked');
    expect(await verify(c.id)).toMatchObject({ valid: true });
  });

  it('refuses to undo a merge whose cases were linked otherwise since: it could not be undone exactly', async () => {
    const a = await open({ name: 'Rina Wati', sex: 'P', approximateAge: 33 });
    const keep = await decide(a.id, { newPerson: true });
    const b = await open({ name: 'Rina Wati', sex: 'P', approximateAge: 33 });
    const other = await decide(b.id, { newPerson: true });
    const merge = (await as(t.sup).post(`/persons/${keep.personId}/merge`).send({ otherPersonId: other.personId }).expect(201)).body as { mergeId: string };
    await as(t.sup).delete(`/cases/${b.id}/person`).expect(200);
    const n = await ledgerCount();
    expect((await as(t.sup).post(`/persons/merges/${merge.mergeId}/undo`).expect(409)).body.code).toBe('MERGE_CHANGED_SINCE');
    expect(await ledgerCount()).toBe(n);
    expect(((await as(t.cw).get(`/persons/${other.personId}`).expect(200)).body as Body).mergedInto).toBe(keep.personId);
    // From another region the merge does not exist.
    expect((await as(t.supElsewhere).post(`/persons/merges/${merge.mergeId}/undo`).expect(404)).body.code).toBe('MERGE_NOT_FOUND');
  });

  it('refuses bad requests with a code and changes nothing: invalid NIK, unknown ids, another region, twice', async () => {
    const kase = await open({ name: 'Siti Aminah', sex: 'P', approximateAge: 40 });
    const foreign = await open({ name: 'Siti Aminah', sex: 'P', approximateAge: 40 }, t.elsewhere, '3510');
    const foreignPerson = await decide(foreign.id, { newPerson: true }, t.elsewhere);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const people = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM person')).rows[0]?.n);
    const [events, persons] = [await ledgerCount(), await people()];

    const bad = async (method: 'post' | 'get' | 'delete', path: string, body: Body | undefined, status: number, code: string, token = t.cw) => {
      const res = await (body === undefined ? as(token)[method](path) : as(token)[method](path).send(body));
      expect([path, res.status, (res.body as Body).code]).toEqual([path, status, code]);
    };
    await bad('post', '/cases', { channel: 'RAZIA', regionCode: '3578', person: { name: 'X', sex: 'L', approximateAge: 9, nik: '3578013205140001' } }, 400, 'VALIDATION_FAILED');
    await bad('post', '/persons/search', { q: '3578013205140001' }, 400, 'VALIDATION_FAILED');
    await bad('post', `/cases/${kase.id}/person`, { personId: unknown }, 404, 'PERSON_NOT_FOUND');
    await bad('post', `/cases/${unknown}/person`, { newPerson: true }, 404, 'CASE_NOT_FOUND');
    await bad('post', `/cases/${kase.id}/person`, { personId: 'nope' }, 400, 'VALIDATION_FAILED');
    await bad('post', `/cases/${kase.id}/person`, {}, 400, 'VALIDATION_FAILED');
    await bad('post', `/cases/${kase.id}/person`, { personId: foreignPerson.personId, newPerson: true }, 400, 'VALIDATION_FAILED');
    await bad('post', `/cases/${kase.id}/person`, { newPerson: false }, 400, 'VALIDATION_FAILED');
    // Another region's person or case looks absent, and the attempt is in the security log.
    await bad('post', `/cases/${kase.id}/person`, { personId: foreignPerson.personId }, 404, 'PERSON_NOT_FOUND');
    await bad('get', `/persons/${foreignPerson.personId}`, undefined, 404, 'PERSON_NOT_FOUND');
    await bad('get', `/persons/${unknown}`, undefined, 404, 'PERSON_NOT_FOUND');
    await bad('post', `/cases/${foreign.id}/person`, { newPerson: true }, 404, 'CASE_NOT_FOUND');
    await bad('get', `/cases/${foreign.id}/person-candidates`, undefined, 404, 'CASE_NOT_FOUND');
    await bad('post', `/persons/${unknown}/merge`, { otherPersonId: foreignPerson.personId }, 404, 'PERSON_NOT_FOUND', t.sup);
    await bad('post', `/persons/merges/${unknown}/undo`, undefined, 404, 'MERGE_NOT_FOUND', t.sup);
    const refused = await db.query(`SELECT 1 FROM security_event WHERE action = 'OUT_OF_SCOPE' AND target_kind = 'person' AND target_id = $1`, [foreignPerson.personId]);
    expect(refused.rowCount).toBeGreaterThanOrEqual(2);
    expect([await ledgerCount(), await people()]).toEqual([events, persons]);
    expect(await getCase(kase.id)).toMatchObject({ personId: null });

    await decide(kase.id, { newPerson: true });
    const [events2, persons2] = [await ledgerCount(), await people()];
    await bad('post', `/cases/${kase.id}/person`, { newPerson: true }, 409, 'PERSON_ALREADY_DECIDED');
    await bad('post', `/persons/${foreignPerson.personId}/merge`, { otherPersonId: (await getCase(kase.id)).personId }, 404, 'PERSON_NOT_FOUND', t.sup);
    expect([await ledgerCount(), await people()]).toEqual([events2, persons2]);
    // An auditor reads people but decides nothing.
    await bad('post', `/cases/${kase.id}/person`, { newPerson: true }, 403, 'PERMISSION_DENIED', t.auditor);
  });
});
