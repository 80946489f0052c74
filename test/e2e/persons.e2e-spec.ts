import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { eventually } from '../helpers/eventually';
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

  it('copies the guardian given at intake into the registry when the case registers a new person, from a razia row too', async () => {
    const guardian = { name: 'Ibu Sumarni', relationship: 'PARENT', phone: '0812-3456-7890' };
    const kase = await open({ name: 'Joko Kecil', sex: 'L', approximateAge: 8, guardian: { ...guardian, phone: ' 0812-3456-7890 ' } });
    expect(kase.person).toMatchObject({ guardian });
    const registered = await decide(kase.id, { newPerson: true });
    expect(((await as(t.cw).get(`/persons/${registered.personId}`).expect(200)).body as Body).guardian).toEqual(guardian);

    // A razia row carries one the same way; a bad guardian refuses only its row, by field and code.
    const razia = await as(t.cw).post('/razia').set('Idempotency-Key', `guardian-${kase.id}`).send({
      occurredAt: '2026-11-22T21:30:00+07:00', place: 'Pasar Turi', regionCode: '3578', team: 'Regu 2',
      people: [
        { name: 'Tini Kecil', sex: 'P', approximateAge: 10, guardian: { name: 'Panti Asuhan Harapan', relationship: 'INSTITUTION' } },
        { name: 'Tono Kecil', sex: 'L', approximateAge: 11, guardian: { name: 'Pak Karto', relationship: 'UNCLE', phone: 'call me' } },
        { name: 'Tutik Kecil', sex: 'P', approximateAge: 9, guardian: 'Bu Tutik' },
      ],
    }).expect(201);
    const rows = (razia.body as { rows: { outcome: string; caseId: string | null; errors: Body[] }[] }).rows;
    expect(rows.map((r) => r.outcome)).toEqual(['OPENED', 'REFUSED', 'REFUSED']);
    expect(rows[1]?.errors).toEqual(expect.arrayContaining([{ field: 'guardian.relationship', code: 'INVALID_CHOICE' }, { field: 'guardian.phone', code: 'INVALID_PHONE' }]));
    expect(rows[2]?.errors).toEqual([{ field: 'guardian', code: 'NOT_AN_OBJECT' }]);
    expect(JSON.stringify(rows)).not.toMatch(/Karto|call me|Bu Tutik/);
    const rowCase = rows[0]?.caseId as string;
    await eventually(() => as(t.cw).get(`/cases/${rowCase}`), (r) => r.status === 200);
    const fromRow = await decide(rowCase, { newPerson: true });
    expect(((await as(t.cw).get(`/persons/${fromRow.personId}`).expect(200)).body as Body).guardian).toEqual({ name: 'Panti Asuhan Harapan', relationship: 'INSTITUTION', phone: null });

    // A case linked to a person already registered changes nothing of the record; a person without one has none.
    const adult = await open({ name: 'Slamet Riyadi', sex: 'L', approximateAge: 45 });
    expect(((await as(t.cw).get(`/persons/${(await decide(adult.id, { newPerson: true })).personId}`).expect(200)).body as Body).guardian).toBeNull();

    // Bad guardians at a single opening: 400 with the field named, no case opened.
    const cases = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM case_view')).rows[0]?.n);
    const n = await cases();
    for (const bad of [{ name: 'Ibu', relationship: 'AUNT' }, { name: '', relationship: 'PARENT' }, { name: 'Ibu', relationship: 'PARENT', phone: '12' }, { name: 'Ibu', relationship: 'PARENT', email: 'x@y' }, null, 'Ibu', { relationship: 'PARENT' }]) {
      const res = await as(t.cw).post('/cases').send({ channel: 'RAZIA', regionCode: '3578', person: { name: 'Anak', sex: 'L', approximateAge: 7, guardian: bad } });
      expect([bad, res.status, (res.body as Body).code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(res.body)).not.toContain('x@y');
    }
    expect(await cases()).toBe(n);
  });

  it('lets the case team add aliases, a guardian and the origin region; the ledger names the fields, never the values; the matcher finds the alias', async () => {
    const first = await open({ name: 'Bagus Santoso', sex: 'L', approximateAge: 13 });
    const person = await decide(first.id, { newPerson: true });
    const second = await open({ name: 'Bagoes Santoso', sex: 'L', approximateAge: 13 });
    await decide(second.id, { personId: person.personId });
    // Nobody would find him by his street name yet.
    expect((await open({ name: 'Si Kancil', sex: 'L', approximateAge: 13 })).personMatches.map((m) => m.personId)).not.toContain(person.personId);
    const entries = async (id: string) => (await db.query<{ action: string; summary: string; payload: Body }>(`SELECT action, summary, payload FROM case_event WHERE case_id = $1 AND action = 'personUpdated' ORDER BY seq`, [id])).rows;

    // The case worker who knows the boy adds his street name and his mother.
    const edited = (await as(t.cw).patch(`/persons/${person.personId}`).send({ aliases: ['  Si Kancil ', 'Kancil', 'Kancil'], guardian: { name: 'Ibu Wartini', relationship: 'PARENT', phone: '+62 812 1111 2222' } }).expect(200)).body as Body;
    expect(edited).toMatchObject({ id: person.personId, aliases: ['Si Kancil', 'Kancil'], guardian: { name: 'Ibu Wartini', relationship: 'PARENT', phone: '+62 812 1111 2222' }, originRegionCode: null });
    for (const id of [first.id, second.id]) {
      const [entry, ...more] = await entries(id);
      expect(more).toEqual([]);
      expect(entry).toEqual({ action: 'personUpdated', summary: 'person updated: aliases, guardian', payload: { personId: person.personId, fields: ['aliases', 'guardian'] } });
      expect(JSON.stringify(entry)).not.toMatch(/Kancil|Wartini|812/);
      expect(await verify(id)).toMatchObject({ valid: true });
      expect(await timelineActions(id)).toContain('personUpdated');
    }
    const logged = await db.query(`SELECT case_id FROM personal_data_access WHERE route = 'PATCH /persons/:id' AND case_id = ANY($1)`, [[first.id, second.id]]);
    expect(logged.rowCount).toBe(2);

    // The matcher now offers him under his alias.
    const underAlias = await open({ name: 'Si Kancil', sex: 'L', approximateAge: 13 });
    expect(underAlias.personMatches).toEqual([expect.objectContaining({ personId: person.personId, why: 'NAME+SEX+YEAR+REGION', score: 1, aliases: ['Si Kancil', 'Kancil'] })]);

    // A supervisor sets where he comes from (dotted, stored plain) and clears the guardian; the same values again change nothing.
    const byUpervisor = (await as(t.sup).patch(`/persons/${person.personId}`).send({ originRegionCode: '35.07', guardian: null }).expect(200)).body as Body;
    expect(byUpervisor).toMatchObject({ originRegionCode: '3507', guardian: null, aliases: ['Si Kancil', 'Kancil'] });
    expect((await entries(first.id)).map((e) => e.payload.fields)).toEqual([['aliases', 'guardian'], ['guardian', 'originRegionCode']]);
    await as(t.cw).patch(`/persons/${person.personId}`).send({ originRegionCode: '3507', aliases: ['Si Kancil', 'Kancil'] }).expect(200);
    expect(await entries(first.id)).toHaveLength(2);
  });

  it('refuses bad edits of a person with a code and changes nothing: bad input, another region, a merged record, an auditor', async () => {
    const kase = await open({ name: 'Wulan Sari', sex: 'P', approximateAge: 15 });
    const person = await decide(kase.id, { newPerson: true });
    const foreign = await open({ name: 'Wulan Sari', sex: 'P', approximateAge: 15 }, t.elsewhere, '3510');
    const foreignPerson = await decide(foreign.id, { newPerson: true }, t.elsewhere);
    const before = async () => [await ledgerCount(), (await db.query('SELECT aliases, guardian_name, origin_region_code FROM person WHERE id = ANY($1) ORDER BY id', [[person.personId, foreignPerson.personId]])).rows];
    const state = await before();
    const patch = async (id: string, body: unknown, status: number, code: string, token = t.cw) => {
      const res = await as(token).patch(`/persons/${id}`).send(body as object);
      expect([body, res.status, (res.body as Body).code]).toEqual([body, status, code]);
      return res.body as Body;
    };
    const tooMany = Array.from({ length: 11 }, (_, i) => `Nama ${i}`);
    for (const body of [
      {}, { aliases: 'Wulan' }, { aliases: [''] }, { aliases: ['  '] }, { aliases: ['x'.repeat(101)] }, { aliases: tooMany }, { aliases: ['Wu\u202Elan'] }, { aliases: [7] }, { aliases: null },
      { guardian: { name: 'Ibu', relationship: 'NEIGHBOUR' } }, { guardian: { name: 'Ibu' } }, { guardian: { name: 'Ibu', relationship: 'PARENT', phone: 'abc' } }, { guardian: 'Ibu' },
      { originRegionCode: '35.70' }, { originRegionCode: 'Surabaya' }, { name: '' }, { name: null }, { nik: '12345' }, { nik: '3578014513140002' }, { birthDate: '15-05-2014' }, { sex: 'X' }, { fullName: 'Someone else' },
    ]) {
      const answer = await patch(person.personId, body, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(answer)).not.toMatch(/Wu.lan|Someone else|NEIGHBOUR/);
    }
    await patch('nope', { aliases: ['A'] }, 400, 'VALIDATION_FAILED');
    await patch('00000000-0000-4000-8000-000000000000', { aliases: ['A'] }, 404, 'PERSON_NOT_FOUND');
    // Another region's person looks absent, and the attempt is in the security log.
    await patch(foreignPerson.personId, { aliases: ['Wulan Kecil'] }, 404, 'PERSON_NOT_FOUND');
    await patch(foreignPerson.personId, { aliases: ['Wulan Kecil'] }, 404, 'PERSON_NOT_FOUND', t.sup);
    const refused = await db.query(`SELECT detail FROM security_event WHERE action = 'OUT_OF_SCOPE' AND target_kind = 'person' AND target_id = $1 AND detail->>'route' = 'PATCH /persons/:id'`, [foreignPerson.personId]);
    expect(refused.rowCount).toBe(2);
    // Auditors read and change nothing.
    await patch(person.personId, { aliases: ['Wulan Kecil'] }, 403, 'PERMISSION_DENIED', t.auditor);
    expect(await before()).toEqual(state);

    // A record merged into another is edited there.
    const twin = await open({ name: 'Wulan Sari', sex: 'P', approximateAge: 15 });
    const other = await decide(twin.id, { newPerson: true });
    await as(t.sup).post(`/persons/${person.personId}/merge`).send({ otherPersonId: other.personId }).expect(201);
    const n = await ledgerCount();
    expect(await patch(other.personId, { aliases: ['Wulan Kecil'] }, 409, 'PERSON_MERGED')).toMatchObject({ mergedInto: person.personId });
    expect(await ledgerCount()).toBe(n);
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

/** The guardian and aliases are personal data: with every log line on (trace), none of them is written. */
describe("persons: a child's guardian and aliases never reach the logs", () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;

  beforeAll(async () => {
    const config = testConfig({ LOG_LEVEL: 'trace' });
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('writes none of them while a case opens with a guardian, registers the person and the record is edited', async () => {
    const { token } = await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3578');
    const as = () => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
    const secrets = ['Ibu Kartosoewirjo', '0813-9876-5432', 'Si Belalang', 'Wali Prawirodirdjo'];
    const written: string[] = [];
    const [out, err] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
    const capture = (original: typeof out) => ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof out;
    process.stdout.write = capture(out);
    process.stderr.write = capture(err);
    try {
      const guardian = { name: 'Ibu Kartosoewirjo', relationship: 'PARENT', phone: '0813-9876-5432' };
      const kase = (await as().post('/cases').send({ channel: 'RAZIA', regionCode: '3578', person: { name: 'Anak Log', sex: 'L', approximateAge: 6, guardian } }).expect(201)).body as { id: string };
      const { personId } = (await as().post(`/cases/${kase.id}/person`).send({ newPerson: true }).expect(200)).body as { personId: string };
      await as().patch(`/persons/${personId}`).send({ aliases: ['Si Belalang'], guardian: { name: 'Wali Prawirodirdjo', relationship: 'GUARDIAN' } }).expect(200);
      await as().patch(`/persons/${personId}`).send({ guardian: { name: 'Wali Prawirodirdjo', relationship: 'UNCLE' } }).expect(400);
      await as().get(`/persons/${personId}`).expect(200);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    const logs = written.join('');
    expect(logs.length).toBeGreaterThan(0); // trace logging was on: there was something to leak into
    for (const secret of secrets) expect([secret, logs.includes(secret)]).toEqual([secret, false]);
  });
});
