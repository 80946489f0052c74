import { randomBytes, randomInt } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

const pad = (n: number) => String(n).padStart(2, '0');
/** A valid NIK of a man from Kab. Pasuruan that no other test uses (random kecamatan, birth date, serial). */
const uniqueNik = () => `3514${pad(randomInt(1, 99))}${pad(randomInt(1, 28))}${pad(randomInt(1, 12))}${pad(randomInt(60, 99))}${randomInt(1000, 9999)}`;

/** What the case worker's list screen and open-case form need beyond opening and listing: search and the NIK check. */
describe('intake over HTTP: searching the case list, checking a NIK while it is typed', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  /** A provincial case worker (scope 35) and a kab/kota one (Kab. Pasuruan, 3514). */
  let province: string;
  let pasuruan: string;
  const token = randomBytes(4).toString('hex');

  const as = (bearer: string) => request.agent(api.getHttpServer()).auth(bearer, { type: 'bearer' });
  const open = async (name: string, regionCode = '3514', nik?: string) =>
    (await as(province).post('/cases').send({ channel: 'RAZIA', regionCode, person: { name, sex: 'L', approximateAge: 40, ...(nik ? { nik } : {}) } }).expect(201)).body.id as string;
  const search = async (bearer: string, query: object) => (await as(bearer).post('/cases/search').send({ limit: 100, ...query }).expect(200)).body as { items: { id: string }[]; total: number };
  const ids = (list: { items: { id: string }[] }) => list.items.map((c) => c.id);

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    province = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '35')).token;
    pasuruan = (await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3514')).token;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  describe('POST /cases/search', () => {
    it("finds a case by part of the person's name in any letter case, by its id prefix and by the exact NIK", async () => {
      const nik = uniqueNik();
      const sutrisno = await open(`Pak Sutrisno ${token}`, '3514', nik);
      const other = await open(`Bu Wartini ${token}`);
      expect(ids(await search(pasuruan, { q: `SUTRISNO ${token.toUpperCase()}` }))).toEqual([sutrisno]);
      expect(ids(await search(pasuruan, { q: token })).sort()).toEqual([sutrisno, other].sort());
      expect(ids(await search(pasuruan, { q: sutrisno.slice(0, 8) }))).toContain(sutrisno);
      expect(ids(await search(pasuruan, { q: sutrisno.slice(0, 8).toUpperCase() }))).toContain(sutrisno);
      expect(ids(await search(pasuruan, { q: nik }))).toEqual([sutrisno]);
      // A NIK matches whole only: part of one is not a search for it.
      expect(ids(await search(pasuruan, { q: nik.slice(0, 12) }))).not.toContain(sutrisno);
    });

    it('combines the search with the filters and paging, and counts only the matches', async () => {
      const a = await open(`Darmo ${token} satu`);
      const b = await open(`Darmo ${token} dua`);
      const page = await search(pasuruan, { q: `darmo ${token}`, stage: 'INTAKE', limit: 1 });
      expect(page.total).toBe(2);
      expect(page.items).toHaveLength(1);
      expect([a, b]).toContain(page.items[0]?.id);
      expect((await search(pasuruan, { q: `darmo ${token}`, stage: 'ASSESSMENT' })).total).toBe(0);
    });

    it("treats % and _ as plain characters, not as LIKE's wildcards", async () => {
      const id = await open(`Rahmat ${token}`);
      expect(ids(await search(pasuruan, { q: `rahmat ${token}` }))).toEqual([id]);
      expect((await search(pasuruan, { q: `rahmat%${token}` })).total).toBe(0);
      expect((await search(pasuruan, { q: `rahmat_${token}` })).total).toBe(0);
      expect((await search(pasuruan, { q: '%' })).items.map((c) => c.id)).not.toContain(id);
    });

    it("never finds a case outside the caller's region", async () => {
      const banyuwangi = await open(`Slamet ${token}`, '3510');
      expect(ids(await search(province, { q: `slamet ${token}` }))).toEqual([banyuwangi]);
      expect((await search(pasuruan, { q: `slamet ${token}` })).total).toBe(0);
      expect((await search(pasuruan, { q: banyuwangi })).total).toBe(0);
    });

    it('records the read of every case a search shows in the access log, and nothing of the search text', async () => {
      const id = await open(`Paijo ${token}`);
      await search(pasuruan, { q: `paijo ${token}` });
      const { rows } = await db.query<{ route: string; text: string }>(`SELECT a.route, a::text AS text FROM personal_data_access a WHERE a.case_id = $1 AND a.route = 'POST /cases/search'`, [id]);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.map((r) => r.text).join('\n')).not.toMatch(/paijo/i);
    });

    it('refuses an empty, over-long or control-character search with 400', async () => {
      for (const q of ['', '   ', 'x'.repeat(101), 'bell\u0007text', 'bidi\u202Etext']) {
        const res = await as(pasuruan).post('/cases/search').send({ q }).expect(400);
        expect([q, res.body.code, res.body.errors.map((e: { field: string }) => e.field)]).toEqual([q, 'VALIDATION_FAILED', ['q']]);
      }
      await as(pasuruan).post('/cases/search').send({ q: 'x'.repeat(100) }).expect(200);
    });

    it('reads null filters in the body as no filter (found by the fuzzer: a null region answered 500)', async () => {
      const id = await open(`Nulla ${token}`);
      const res = await as(pasuruan).post('/cases/search').send({ q: `nulla ${token}`, regionCode: null, stage: null, ppksCategory: null, responsibleAgency: null, overdue: null, limit: 20, offset: 0 }).expect(200);
      expect(ids(res.body as { items: { id: string }[] })).toEqual([id]);
    });

    it('takes no search text in a URL (a name or NIK there would reach proxy and browser logs)', async () => {
      const res = await as(pasuruan).get('/cases').query({ q: 'budi' }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('POST /cases/nik-check', () => {
    const check = (body: object) => as(pasuruan).post('/cases/nik-check').send(body);

    it('answers a valid NIK without findings', async () => {
      const res = await check({ nik: '3514012304850001', sex: 'L', approximateAge: 41 }).expect(200);
      expect(res.body).toEqual({ valid: true, errors: [], warnings: [] });
    });

    it('warns (softly, by code) when the sex, birth date or age differ from the NIK', async () => {
      const woman = await check({ nik: '1702196905120001', sex: 'L' }).expect(200);
      expect(woman.body).toEqual({ valid: true, errors: [], warnings: [{ code: 'NIK_SEX_MISMATCH', field: 'person.nik', message: expect.any(String) }] });
      const date = await check({ nik: '3514012304850001', sex: 'L', birthDate: '1985-04-24' }).expect(200);
      expect(date.body.warnings.map((w: { code: string }) => w.code)).toEqual(['NIK_BIRTH_DATE_MISMATCH']);
      const age = await check({ nik: '3514012304850001', sex: 'L', approximateAge: 12 }).expect(200);
      expect(age.body.warnings.map((w: { code: string }) => w.code)).toEqual(['NIK_AGE_MISMATCH']);
      // Before the sex is chosen there is nothing to compare.
      expect((await check({ nik: '1702196905120001' }).expect(200)).body.warnings).toEqual([]);
    });

    it('answers a NIK that POST /cases refuses as invalid, with the codes of its hard errors', async () => {
      const month = await check({ nik: '3514010113850001', sex: 'L' }).expect(200);
      expect(month.body).toEqual({ valid: false, errors: [{ code: 'NIK_INVALID_BIRTH_MONTH', field: 'person.nik', message: expect.any(String) }], warnings: [] });
      expect((await check({ nik: '35140123' }).expect(200)).body.errors.map((e: { code: string }) => e.code)).toEqual(['NIK_NOT_16_DIGITS']);
      // The same NIK is what opening a case refuses.
      const refused = await as(pasuruan).post('/cases').send({ channel: 'RAZIA', regionCode: '3514', person: { name: 'X', sex: 'L', approximateAge: 30, nik: '3514010113850001' } }).expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['person.nik']);
    });

    it('opens nothing and records nothing: the NIK appears in the answer only', async () => {
      const nik = uniqueNik();
      const count = async () => Number((await db.query('SELECT count(*) FROM case_view')).rows[0].count);
      const before = await count();
      await check({ nik, sex: 'P' }).expect(200);
      expect(await count()).toBe(before);
      for (const table of ['case_view', 'case_event', 'personal_data_access', 'security_event', 'idempotency_key']) {
        const { rows } = await db.query(`SELECT count(*) FROM ${table} t WHERE t::text LIKE $1`, [`%${nik}%`]);
        expect([table, Number(rows[0].count)]).toEqual([table, 0]);
      }
    });

    it('refuses a malformed body with 400 and per-field errors that do not quote the NIK', async () => {
      const res = await check({ nik: '3514012304850001'.repeat(3), sex: 'X', approximateAge: 200, birthDate: '24-04-1985' }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['approximateAge', 'birthDate', 'nik', 'sex']);
      expect(JSON.stringify(res.body)).not.toContain('3514012304850001');
      await check({}).expect(400);
    });
  });
});
