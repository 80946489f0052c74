import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import { eventually } from '../helpers/eventually';
import { signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

type Figure = { id: string; columns: { key: string }[]; rows: { key: string; cells: unknown[] }[]; drillDown: boolean };
type Report = { region: string; from: string; to: string; zone: string; figures: Figure[] };

/**
 * The reports API through HTTP (docs/reports.md): who reads which region, what the period means, what
 * leaves suppressed, and what is refused with a 4xx. The figures themselves, against numbers computed by
 * hand, are test/workflows/report-figures.test.ts. Kota Batu (3579) is this file's own region.
 */
describe('GET /reports', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  const t = { caseWorker: '', supervisor: '', admin: '', auditorProvince: '', supervisorElsewhere: '', auditorSulawesi: '' };
  const caseIds: string[] = [];

  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const report = async (token: string, section: string, query: object = {}) => (await as(token).get(`/reports/${section}`).query(query).expect(200)).body as Report;
  const figure = (r: Report, id: string) => r.figures.find((f) => f.id === id) as Figure;
  const row = (f: Figure, key: string) => f.rows.find((r) => r.key === key)?.cells;

  beforeAll(async () => {
    const config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    const app = api.getHttpServer();
    t.caseWorker = (await signedIn(app, db, 'CASE_WORKER', '3579')).token;
    t.supervisor = (await signedIn(app, db, 'SUPERVISOR', '3579')).token;
    t.admin = (await signedIn(app, db, 'ADMIN', '3579')).token;
    t.auditorProvince = (await signedIn(app, db, 'AUDITOR', '35')).token;
    t.supervisorElsewhere = (await signedIn(app, db, 'SUPERVISOR', '3510')).token;
    t.auditorSulawesi = (await signedIn(app, db, 'AUDITOR', '73')).token;
    // Six razia cases (one a child of 9) and one complaint, in Kota Batu.
    const people = [40, 33, 9, 61, 25, 52].map((age, i) => ({ channel: 'RAZIA', person: { name: `Warga Batu ${i}`, sex: i % 2 === 0 ? 'L' : 'P', approximateAge: age } }));
    for (const body of [...people, { channel: 'COMPLAINT', person: { name: 'Pelapor Batu', sex: 'P', approximateAge: 30 } }]) {
      caseIds.push((await as(t.caseWorker).post('/cases').send({ ...body, regionCode: '3579' }).expect(201)).body.id as string);
    }
    // The summary tables follow the ledger, which follows the workflow: wait until all seven are counted.
    await eventually(() => report(t.supervisor, 'intake'), (r) => row(figure(r, 'opened.total'), 'ALL')?.[0] === 7);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it("counts the region's cases of this month, suppressing cells of 1–4 and the one next to a lone one, without a name in sight", async () => {
    const r = await report(t.supervisor, 'intake');
    expect(r).toMatchObject({ region: '3579', zone: 'WIB', to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(r.from).toBe(`${r.to.slice(0, 7)}-01`);
    expect(row(figure(r, 'opened.total'), 'ALL')).toEqual([7, '<5']);
    // One complaint is a small cell; the six razia would give it away next to the total of seven.
    expect(figure(r, 'opened.byChannel').rows).toEqual([
      { key: 'COMPLAINT', cells: ['<5', 0] },
      { key: 'RAZIA', cells: ['<5', '<5'] },
    ]);
    expect(row(figure(r, 'opened.byAgeGroup'), '18-59')).toEqual([5, 0]);
    expect(JSON.stringify(r)).not.toMatch(/Warga|Pelapor/);
    const caseload = await report(t.supervisor, 'caseload');
    expect(row(figure(caseload, 'caseload.byStage'), 'INTAKE')).toEqual([7, '<5']);
  });

  it('lists the cases behind a figure for those who may list cases, not for an admin', async () => {
    const behind = await as(t.supervisor).get('/reports/cases').query({ figure: 'opened.byChannel', key: 'RAZIA', limit: 100 }).expect(200);
    expect(behind.body.total).toBe(6);
    expect((behind.body.items as { id: string }[]).map((c) => c.id).sort()).toEqual(caseIds.slice(0, 6).sort());
    const children = await as(t.supervisor).get('/reports/cases').query({ figure: 'opened.byAgeGroup', key: '6-12' }).expect(200);
    expect(children.body.items.map((c: { id: string }) => c.id)).toEqual([caseIds[2]]);
    // A row key that names an object's inherited member is just a key without cases (it once answered 500).
    expect((await as(t.supervisor).get('/reports/cases').query({ figure: 'opened.byAgeGroup', key: 'constructor' }).expect(200)).body.total).toBe(0);
    const admin = await as(t.admin).get('/reports/cases').query({ figure: 'opened.byChannel', key: 'RAZIA' }).expect(403);
    expect(admin.body.code).toBe('PERMISSION_DENIED');
    expect(row(figure(await report(t.admin, 'intake'), 'opened.total'), 'ALL')).toEqual([7, '<5']);
  });

  it("gives a province's staff their regencies side by side, and each region's own time zone", async () => {
    const regions = await report(t.auditorProvince, 'regions', { region: '35' });
    expect(regions.region).toBe('35');
    // Other files' regions share this run's database: a lone small cell there may hide ours as its neighbour.
    const batu = row(figure(regions, 'regions.summary'), '3579') as unknown[];
    expect([7, '<5']).toContain(batu[0]);
    expect(batu.slice(1, 3)).toEqual(['<5', 0]);
    expect(figure(regions, 'regions.summary').rows.every((r) => r.key.startsWith('35'))).toBe(true);
    expect((await report(t.auditorProvince, 'intake', { region: '35.79' })).region).toBe('3579');
    const sulawesi = await report(t.auditorSulawesi, 'timeliness', { from: '2026-11-01', to: '2026-11-30' });
    expect(sulawesi).toMatchObject({ region: '73', zone: 'WITA', from: '2026-11-01', to: '2026-11-30' });
  });

  it.each([
    ['a region outside the scope', t => [t.supervisorElsewhere, 'intake', { region: '3579' }], 403, 'OUT_OF_SCOPE'],
    ["a province above a regency's scope", t => [t.supervisor, 'intake', { region: '35' }], 403, 'OUT_OF_SCOPE'],
    ['a date that does not exist', t => [t.supervisor, 'intake', { from: '2026-02-30' }], 400, 'VALIDATION_FAILED'],
    ['a date beyond 2100', t => [t.supervisor, 'intake', { to: '9999-12-31' }], 400, 'VALIDATION_FAILED'],
    ['a period that ends before it starts', t => [t.supervisor, 'timeliness', { from: '2026-11-10', to: '2026-11-01' }], 400, 'VALIDATION_FAILED'],
    ['a period of more than five years', t => [t.supervisor, 'repeats', { from: '2000-01-01', to: '2026-11-01' }], 400, 'VALIDATION_FAILED'],
    ['a region that is no code', t => [t.supervisor, 'caseload', { region: '35x' }], 400, 'VALIDATION_FAILED'],
    ['an unknown category', t => [t.supervisor, 'repeats', { category: 'PPKS-27' }], 400, 'VALIDATION_FAILED'],
    ['an agency code in lower case', t => [t.supervisor, 'timeliness', { agency: 'dinkes' }], 400, 'VALIDATION_FAILED'],
    ['a section that does not exist', t => [t.supervisor, 'everything', {}], 404, 'ROUTE_NOT_FOUND'],
    ['a case worker (no report.read)', t => [t.caseWorker, 'intake', {}], 403, 'PERMISSION_DENIED'],
  ] as [string, (tokens: typeof t) => [string, string, object], number, string][])('refuses %s', async (_what, args, status, code) => {
    const [token, section, query] = args(t);
    const res = await as(token).get(`/reports/${section}`).query(query).expect(status);
    expect(res.body.code).toBe(code);
  });

  it.each([
    ['no figure', { key: 'RAZIA' }],
    ['a figure without drill-down', { figure: 'stage.duration', key: 'INTAKE' }],
    ['no key', { figure: 'opened.byChannel' }],
    ['a key with SQL in it', { figure: 'opened.byChannel', key: "RAZIA' OR 1=1 --" }],
  ])('refuses a drill-down with %s', async (_what, query) => {
    const res = await as(t.supervisor).get('/reports/cases').query(query).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
