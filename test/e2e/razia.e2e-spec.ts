import { randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import { createAgency, signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

interface Row {
  position: number;
  outcome: 'OPENED' | 'REFUSED';
  caseId: string | null;
  stage: string | null;
  errors: { field: string; code: string }[];
}
interface Razia {
  id: string;
  people: number;
  opened: number;
  refused: number;
  rows: Row[];
}

/** A person of a razia; every fifth has a NIK (born 23 April 1992, aged 34). Names carry the test's tag. */
const person = (tag: string, i: number) => ({
  name: `${tag} orang ${i}`,
  sex: i % 2 === 0 ? 'L' : 'P',
  approximateAge: 34,
  ...(i % 5 === 0 ? { nik: `351401${i % 2 === 0 ? '23' : '63'}0492${String(i + 1).padStart(4, '0')}` } : {}),
  ...(i === 3 ? { originRegionCode: '32.72' } : {}),
});
const razia = (tag: string, count: number, extra: object = {}) => ({
  occurredAt: '2026-11-22T21:30:00+07:00',
  place: 'Perempatan Pasar Gempol',
  villageCode: '35.14.01.2001',
  regionCode: '35.14',
  team: 'Regu 2 Satpol PP, Dinsos',
  people: Array.from({ length: count }, (_, i) => person(tag, i)),
  ...extra,
});

describe('razia: one Satpol PP operation, one case per person, exactly once', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  const tokens = { worker: '', satpol: '', dinkes: '', elsewhere: '', auditor: '' };

  const post = (token: string, body: object, key: string | null = randomUUID()) => {
    const req = request(api.getHttpServer()).post('/razia').auth(token, { type: 'bearer' });
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const get = (token: string, path: string) => request(api.getHttpServer()).get(path).auth(token, { type: 'bearer' });
  /** Cases whose person carries the tag: a duplicate under any id would show here. */
  const casesTagged = async (tag: string) => Number((await db.query(`SELECT count(*) FROM case_view c JOIN case_subject s ON s.case_id = c.id WHERE s.name LIKE $1`, [`${tag} %`])).rows[0].count);
  const raziaCount = async () => Number((await db.query('SELECT count(*) FROM razia')).rows[0].count);

  beforeAll(async () => {
    const config = testConfig();
    db = testPool(config);
    const satpol = await createAgency(db, 'SATPOL_PP', '3514');
    const dinkes = await createAgency(db, 'DINKES', '3514');
    worker = await startWorker(config);
    api = await startApi(config);
    const app = api.getHttpServer();
    tokens.worker = (await signedIn(app, db, 'CASE_WORKER', '3514')).token;
    tokens.satpol = (await signedIn(app, db, 'AGENCY_OFFICER', '3514', satpol)).token;
    tokens.dinkes = (await signedIn(app, db, 'AGENCY_OFFICER', '3514', dinkes)).token;
    tokens.elsewhere = (await signedIn(app, db, 'CASE_WORKER', '3510')).token;
    tokens.auditor = (await signedIn(app, db, 'AUDITOR', '3514')).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('opens exactly 50 cases when the same razia of 50 arrives three times at once, and answers all three alike', async () => {
    const tag = `R50-${randomUUID().slice(0, 8)}`;
    const body = razia(tag, 50);
    const key = randomUUID();
    const started = Date.now();
    const answers = await Promise.all([0, 1, 2].map(() => post(tokens.worker, body, key)));
    // Logged for the integrator (not asserted): the time to open a razia of 50, submitted three times at once.
    console.log(`razia of 50 (three concurrent submissions) answered in ${Date.now() - started} ms`);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const [first, ...others] = answers.map((a) => a.body as Razia);
    for (const other of others) expect(other).toEqual(first);
    expect(first).toMatchObject({ people: 50, opened: 50, refused: 0, regionCode: '3514', villageCode: '3514012001' });
    const ids = (first as Razia).rows.map((r) => r.caseId);
    expect(new Set(ids).size).toBe(50);
    expect((first as Razia).rows.every((r, i) => r.position === i && r.outcome === 'OPENED' && r.stage === 'INTAKE')).toBe(true);
    expect(await casesTagged(tag)).toBe(50);
    expect(Number((await db.query(`SELECT count(*) FROM case_view WHERE id = ANY($1) AND channel = 'RAZIA'`, [ids])).rows[0].count)).toBe(50);
    // A case of the razia reads like any other; the origin region of row 3 came along.
    const third = await get(tokens.worker, `/cases/${ids[3]}`).expect(200);
    expect(third.body).toMatchObject({ channel: 'RAZIA', regionCode: '3514', originRegionCode: '3272', person: { name: `${tag} orang 3` } });
    // Later retries answer the same razia and open nothing more; the key with another body is refused.
    expect((await post(tokens.worker, body, key).expect(201)).body).toEqual(first);
    expect(await casesTagged(tag)).toBe(50);
    const reused = await post(tokens.worker, { ...body, place: 'Alun-alun' }, key).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('opens the good rows of a razia with 2 bad rows and names the bad ones by position and code', async () => {
    const tag = `RBAD-${randomUUID().slice(0, 8)}`;
    const body = razia(tag, 50);
    body.people[7] = { ...person(tag, 7), nik: '3514019904920001' };
    body.people[31] = { ...person(tag, 31), sex: 'X' };
    const res = await post(tokens.worker, body).expect(201);
    const answer = res.body as Razia;
    expect(answer).toMatchObject({ people: 50, opened: 48, refused: 2 });
    expect(answer.rows.filter((r) => r.outcome === 'REFUSED')).toEqual([
      { position: 7, outcome: 'REFUSED', caseId: null, stage: null, errors: [{ field: 'nik', code: 'NIK_INVALID_BIRTH_DAY' }] },
      { position: 31, outcome: 'REFUSED', caseId: null, stage: null, errors: [{ field: 'sex', code: 'INVALID_CHOICE' }] },
    ]);
    expect(await casesTagged(tag)).toBe(48);
    // A razia whose every row is refused is still recorded (the refusals are its record), opening nothing.
    const none = await post(tokens.worker, { ...body, people: [body.people[7]] }).expect(201);
    expect(none.body).toMatchObject({ people: 1, opened: 0, refused: 1, rows: [{ position: 0, outcome: 'REFUSED' }] });
    // The razia row keeps field and code, never the refused value (nor any name).
    const stored = JSON.stringify((await db.query('SELECT * FROM razia WHERE id = $1', [answer.id])).rows[0]);
    expect(stored).not.toContain('3514019904920001');
    expect(stored).not.toContain(tag);
  });

  it('refuses 0 people, more than 100, a missing key and a village outside the region with 400, creating nothing', async () => {
    const tag = `RNONE-${randomUUID().slice(0, 8)}`;
    const before = await raziaCount();
    for (const [body, key, code] of [
      [razia(tag, 0), randomUUID(), 'VALIDATION_FAILED'],
      [razia(tag, 101), randomUUID(), 'VALIDATION_FAILED'],
      [razia(tag, 2, { villageCode: '35.10.01.2001' }), randomUUID(), 'VALIDATION_FAILED'],
      [razia(tag, 2, { villageCode: '35.14.01' }), randomUUID(), 'VALIDATION_FAILED'],
      [razia(tag, 2, { occurredAt: 'yesterday' }), randomUUID(), 'VALIDATION_FAILED'],
      [razia(tag, 2, { place: 'Pasar\u0000' }), randomUUID(), 'VALIDATION_FAILED'],
      [razia(tag, 2, { team: 'Regu\u202E2' }), randomUUID(), 'VALIDATION_FAILED'],
      [razia(tag, 2, { villageCode: null }), randomUUID(), 'VALIDATION_FAILED'],
      [razia(tag, 2), 'kunci dengan spasi', 'IDEMPOTENCY_KEY_INVALID'],
      [razia(tag, 2), null, 'IDEMPOTENCY_KEY_INVALID'],
    ] as [object, string | null, string][]) {
      const res = await post(tokens.worker, body, key);
      expect([res.status, res.body.code]).toEqual([400, code]);
    }
    const outside = await post(tokens.worker, razia(tag, 2, { regionCode: '35.10', villageCode: '35.10.01.2001' }));
    expect([outside.status, outside.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect(await raziaCount()).toBe(before);
    expect(await casesTagged(tag)).toBe(0);
  });

  it('lets a Satpol PP officer record a razia and refuses a Dinkes officer (403)', async () => {
    const tag = `RSAT-${randomUUID().slice(0, 8)}`;
    const res = await post(tokens.satpol, razia(tag, 3)).expect(201);
    expect(res.body).toMatchObject({ opened: 3, recordedBy: { role: 'AGENCY_OFFICER', agencyCode: 'SATPOL_PP' } });
    const refused = await post(tokens.dinkes, razia(`RDIN-${tag}`, 3));
    expect([refused.status, refused.body.code]).toEqual([403, 'PERMISSION_DENIED']);
    expect((await get(tokens.dinkes, '/razia')).status).toBe(403);
    expect(await casesTagged(`RDIN-${tag}`)).toBe(0);
  });

  it('offers each opened row the registered people it may be: to a case worker, not to a Satpol PP officer', async () => {
    const tag = `RMAT-${randomUUID().slice(0, 8)}`;
    const child = { name: `${tag} Muhammad Rizky`, sex: 'L', approximateAge: 12 };
    const first = await request(api.getHttpServer()).post('/cases').auth(tokens.worker, { type: 'bearer' }).send({ channel: 'RAZIA', regionCode: '3514', person: child }).expect(201);
    const decided = await request(api.getHttpServer()).post(`/cases/${first.body.id}/person`).auth(tokens.worker, { type: 'bearer' }).send({ newPerson: true });
    expect(decided.status).toBeLessThan(300);
    const again = { ...razia(tag, 0), people: [{ ...child, name: `${tag} Muhamad Rizki` }, { name: `${tag} Orang Lain Sekali`, sex: 'P', approximateAge: 40 }] };
    const res = await post(tokens.worker, again).expect(201);
    expect(res.body.rows[0].personMatches.map((m: { personId: string }) => m.personId)).toEqual([decided.body.personId]);
    expect(res.body.rows[1].personMatches).toEqual([]);
    const bySatpol = await post(tokens.satpol, { ...again, team: 'Regu 3' }).expect(201);
    expect(bySatpol.body.rows[0].personMatches).toBeUndefined();
    // Shown once, as any personal-data read: the earlier case in the access log under POST /razia.
    const logged = await db.query(`SELECT count(*) FROM personal_data_access WHERE case_id = $1 AND route = 'POST /razia'`, [first.body.id]);
    expect(Number(logged.rows[0].count)).toBe(1);
  });

  it("shows a razia with its cases' stages, lists razia newest first, and hides them from another region", async () => {
    const tag = `RGET-${randomUUID().slice(0, 8)}`;
    const body = razia(tag, 3, { occurredAt: '2030-01-01T08:00:00Z' });
    body.people[1] = { ...person(tag, 1), approximateAge: -1 };
    const recorded = (await post(tokens.worker, body).expect(201)).body as Razia;
    const shown = (await get(tokens.auditor, `/razia/${recorded.id}`).expect(200)).body as Razia;
    // The same razia, without the possible matches only the answer to POST carries.
    expect(shown).toEqual({ ...recorded, rows: recorded.rows.map((row) => ({ ...row, personMatches: undefined })) });
    expect(shown.rows.map((r) => [r.outcome, r.stage])).toEqual([
      ['OPENED', 'INTAKE'],
      ['REFUSED', null],
      ['OPENED', 'INTAKE'],
    ]);
    const list = (await get(tokens.worker, '/razia?limit=5').expect(200)).body as { items: { id: string; opened: number }[]; total: number };
    expect(list.items[0]).toMatchObject({ id: recorded.id, opened: 2 });
    expect(list.total).toBeGreaterThanOrEqual(4);
    const hidden = await get(tokens.elsewhere, `/razia/${recorded.id}`);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'RAZIA_NOT_FOUND']);
    expect(((await get(tokens.elsewhere, '/razia').expect(200)).body as { total: number }).total).toBe(0);
  });
});
