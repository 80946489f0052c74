import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { ConsoleUsersModule } from '../../src/users/console-users.module';
import { ConsoleUsers } from '../../src/users/console-users.service';
import type { ConsoleUserInput } from '../../src/users/console-user-input';
import { consoleUserDto } from '../../src/users/console-user-input';
import { eventually } from '../helpers/eventually';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, asserted field by field
type Body = Record<string, any>;

/** Kota Sukabumi, a kota of Jawa Barat (32) that has its own protocol (protocols/3272.v1.json). */
const SUKABUMI = '3272';
const CONSOLE_PASSWORD = 'typed-at-the-console-1';
const PERSON_PASSWORD = 'chosen-by-the-person-1';

/**
 * Docs/onboarding.md, as a client does it: the operator creates a provincial admin and supervisor at
 * the console; everything else (agencies, accounts, confirmation, setup codes, a case and its task) is
 * HTTP. Region codes of this file: 32xx (Jawa Barat), refusals aimed at 3273 and 3514.
 */
describe('onboarding a regency over HTTP: Kota Sukabumi by the province of Jawa Barat (real PostgreSQL, real Temporal)', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let consoleApp: INestApplicationContext;
  let db: Pool;
  let n = 0;
  const run = Date.now().toString(36);
  const name = (prefix: string) => `${prefix}-${run}-${n++}`;
  const t = { provincialAdmin: '', provincialSupervisor: '', regencyAdmin: '', jatimUser: '', sukabumiCaseWorker: '' };

  const http = () => request(api.getHttpServer());
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  const login = async (username: string, password: string): Promise<string> => (await http().post('/auth/login').send({ username, password }).expect(200)).body.accessToken;
  /** What `npm run user:create` does, its validation included. */
  const atConsole = async (input: ConsoleUserInput): Promise<string> => {
    const { dto, errors } = await consoleUserDto(input);
    expect(errors).toEqual([]);
    await consoleApp.get(ConsoleUsers).createActive(dto, CONSOLE_PASSWORD);
    return login(dto.username, CONSOLE_PASSWORD);
  };
  /** The two-person rule: the admin creates, a supervisor confirms and receives the code, the person sets a password. */
  const onboard = async (admin: string, supervisor: string, body: Body): Promise<{ id: string; username: string; token: string }> => {
    const created = (await as(admin).post('/users').send({ displayName: 'Staf Kota Sukabumi', ...body }).expect(201)).body;
    expect(created).toMatchObject({ status: 'PENDING_CONFIRMATION', setupCode: null });
    const confirmed = (await as(supervisor).post(`/users/${created.id}/confirm`).expect(200)).body;
    await http().post('/auth/setup-password').send({ setupCode: confirmed.setupCode, password: PERSON_PASSWORD }).expect(204);
    return { id: created.id, username: created.username, token: await login(created.username, PERSON_PASSWORD) };
  };

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    consoleApp = await NestFactory.createApplicationContext(ConsoleUsersModule.forRoot(config), { logger: false });
    t.provincialAdmin = await atConsole({ username: name('admin-jabar'), role: 'ADMIN', region: '32' });
    t.provincialSupervisor = await atConsole({ username: name('supervisor-jabar'), role: 'SUPERVISOR', region: '32' });
  });

  afterAll(async () => {
    await consoleApp?.close();
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('a provincial admin creates the agencies and staff of Kota Sukabumi; its case worker works a case and its Dinkes officer claims the task', async () => {
    const agencies: Record<string, string> = {};
    for (const [code, agencyName] of [['DINSOS', 'Dinas Sosial Kota Sukabumi'], ['DINKES', 'Dinas Kesehatan Kota Sukabumi'], ['SATPOL_PP', 'Satpol PP Kota Sukabumi']] as const) {
      const res = await as(t.provincialAdmin).post('/agencies').send({ code, regionCode: '32.72', name: agencyName }).expect(201);
      expect(res.body).toMatchObject({ code, regionCode: SUKABUMI, name: agencyName, active: true });
      agencies[code] = res.body.id;
    }
    const listed = (await as(t.provincialAdmin).get('/agencies').expect(200)).body as Body[];
    expect(listed.filter((a) => a.regionCode === SUKABUMI).map((a) => a.code)).toEqual(expect.arrayContaining(['DINSOS', 'DINKES', 'SATPOL_PP']));

    // The first accounts of the new regency: the provincial supervisor confirms them (their scope covers 3272).
    const sup = { admin: t.provincialAdmin, supervisor: t.provincialSupervisor };
    const supervisor = await onboard(sup.admin, sup.supervisor, { username: name('spv-sukabumi'), role: 'SUPERVISOR', regionCode: '32.72' });
    const caseWorker = await onboard(sup.admin, sup.supervisor, { username: name('cw-sukabumi'), role: 'CASE_WORKER', regionCode: SUKABUMI });
    t.sukabumiCaseWorker = caseWorker.id;
    // From here the regency's own supervisor confirms its accounts.
    const dinkes = await onboard(sup.admin, supervisor.token, { username: name('dinkes-sukabumi'), role: 'AGENCY_OFFICER', agencyId: agencies.DINKES });
    const staff = ((await as(t.provincialAdmin).get('/users').query({ limit: 100 }).expect(200)).body.items as Body[]).filter((u) => u.regionCode === SUKABUMI);
    expect(staff.filter((u) => [supervisor.id, caseWorker.id, dinkes.id].includes(u.id)).map((u) => u.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);

    // The province's map: Kota Sukabumi with its agencies, its accounts and its own protocol.
    const regions = (await as(t.provincialAdmin).get('/regions').expect(200)).body;
    expect(regions.scope).toBe('32');
    const sukabumi = regions.items.find((r: Body) => r.regionCode === SUKABUMI);
    expect(sukabumi).toEqual({ regionCode: SUKABUMI, level: 'KAB_KOTA', name: 'Kota Sukabumi', agencies: 3, users: expect.any(Number), protocol: { id: SUKABUMI, version: 1, name: 'Kota Sukabumi' } });
    expect(sukabumi.users).toBeGreaterThanOrEqual(3); // other test files may add 3272 accounts to the shared schema
    expect((regions.items as Body[]).every((r) => r.regionCode.startsWith('32'))).toBe(true);

    const opened = await as(caseWorker.token).post('/cases').send({ channel: 'RAZIA', regionCode: SUKABUMI, person: { name: 'Pak S', sex: 'L', approximateAge: 52 } }).expect(201);
    expect(opened.body).toMatchObject({ regionCode: SUKABUMI, protocol: { id: SUKABUMI, version: 1 }, responsibleAgency: 'SATPOL_PP' });
    const caseId = opened.body.id as string;
    await as(caseWorker.token).post(`/cases/${caseId}/start-health-check`).expect(200);

    const inbox = () => as(dinkes.token).get('/tasks').query({ caseId }).expect(200).then((res) => res.body.items as Body[]);
    const [task] = await eventually(inbox, (items) => items.length > 0, 20_000);
    expect(task).toMatchObject({ type: 'HEALTH_CHECK', status: 'OPEN', agencyCode: 'DINKES', regionCode: SUKABUMI });
    expect((await as(dinkes.token).post(`/tasks/${task?.id}/claim`).expect(200)).body).toMatchObject({ status: 'CLAIMED', assigneeName: dinkes.username });
  });

  it('a regency admin manages its own regency and nothing else: another regency is refused as out of scope', async () => {
    const created = (await as(t.provincialAdmin).post('/users').send({ username: name('admin-sukabumi'), displayName: 'Admin Kota Sukabumi', role: 'ADMIN', regionCode: SUKABUMI }).expect(201)).body;
    await http().post('/auth/setup-password').send({ setupCode: created.setupCode, password: PERSON_PASSWORD }).expect(204);
    t.regencyAdmin = await login(created.username, PERSON_PASSWORD);

    const own = await as(t.regencyAdmin).post('/users').send({ username: name('cw-sukabumi'), displayName: 'Staf', role: 'CASE_WORKER', regionCode: SUKABUMI }).expect(201);
    expect(own.body).toMatchObject({ regionCode: SUKABUMI, status: 'PENDING_CONFIRMATION' });
    await as(t.regencyAdmin).post('/agencies').send({ code: 'DISNAKER', regionCode: SUKABUMI, name: 'Disnaker Kota Sukabumi' }).expect(201);

    const before = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user`);
    for (const regionCode of ['3273', '3514', '32']) {
      const user = await as(t.regencyAdmin).post('/users').send({ username: name('elsewhere'), displayName: 'x', role: 'CASE_WORKER', regionCode });
      const agency = await as(t.regencyAdmin).post('/agencies').send({ code: 'DINSOS', regionCode, name: 'x' });
      expect([regionCode, user.status, user.body.code, agency.status, agency.body.code]).toEqual([regionCode, 403, 'OUT_OF_SCOPE', 403, 'OUT_OF_SCOPE']);
    }
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user`)).rows).toEqual(before.rows);
    // Lists show its own regency only; the province's accounts are not in them.
    const users = (await as(t.regencyAdmin).get('/users').query({ limit: 100 }).expect(200)).body.items as Body[];
    expect(new Set(users.map((u) => u.regionCode))).toEqual(new Set([SUKABUMI]));
    expect((await as(t.regencyAdmin).get('/regions').expect(200)).body).toMatchObject({ scope: SUKABUMI, items: [{ regionCode: SUKABUMI, agencies: 4 }] });
    // Kota Bandung (3273) has no protocol file of its own: once onboarded, its cases get the national default.
    await as(t.provincialAdmin).post('/agencies').send({ code: 'DINSOS', regionCode: '3273', name: 'Dinas Sosial Kota Bandung' }).expect(201);
    const bandung = ((await as(t.provincialAdmin).get('/regions').expect(200)).body.items as Body[]).find((r) => r.regionCode === '3273');
    expect(bandung).toMatchObject({ name: null, agencies: 1, protocol: { id: 'default', version: 1 } });
  });

  it('a provincial admin of 32 cannot touch Jawa Timur (35xx): creating is refused, its accounts and agencies look absent', async () => {
    const user = await as(t.provincialAdmin).post('/users').send({ username: name('jatim'), displayName: 'x', role: 'CASE_WORKER', regionCode: '3514' });
    const agency = await as(t.provincialAdmin).post('/agencies').send({ code: 'DINSOS', regionCode: '35.14', name: 'x' });
    expect([user.status, user.body.code, agency.status, agency.body.code]).toEqual([403, 'OUT_OF_SCOPE', 403, 'OUT_OF_SCOPE']);

    const jatimAdmin = await atConsole({ username: name('admin-jatim'), role: 'ADMIN', region: '35' });
    const jatimUser = (await as(jatimAdmin).post('/users').send({ username: name('cw-pasuruan'), displayName: 'x', role: 'CASE_WORKER', regionCode: '3514' }).expect(201)).body;
    t.jatimUser = jatimUser.id;
    const jatimAgency = (await as(jatimAdmin).post('/agencies').send({ code: `ONB_${n++}`, regionCode: '3514', name: 'x' }).expect(201)).body;
    const reads = [
      await as(t.provincialAdmin).get(`/users/${jatimUser.id}`),
      await as(t.provincialAdmin).patch(`/users/${jatimUser.id}`).send({ active: false }),
      await as(t.provincialAdmin).post(`/users/${jatimUser.id}/reset-password`),
      await as(t.provincialAdmin).patch(`/agencies/${jatimAgency.id}`).send({ name: 'renamed' }),
    ];
    expect(reads.map((r) => [r.status, r.body.code])).toEqual([[404, 'USER_NOT_FOUND'], [404, 'USER_NOT_FOUND'], [404, 'USER_NOT_FOUND'], [404, 'AGENCY_NOT_FOUND']]);
    expect((await as(jatimAdmin).get(`/users/${jatimUser.id}`).expect(200)).body).toMatchObject({ active: true, status: 'PENDING_CONFIRMATION' });
    expect((await as(jatimAdmin).get(`/agencies/${jatimAgency.id}`).expect(200)).body.name).toBe('x');
    const listed = ((await as(t.provincialAdmin).get('/users').query({ limit: 100 }).expect(200)).body.items as Body[]).map((u) => u.regionCode as string);
    expect(listed.every((code) => code.startsWith('32'))).toBe(true);
    // Narrowed to one region: inside the scope it lists that region's accounts; outside, it is refused.
    const sukabumi = (await as(t.provincialAdmin).get('/users').query({ regionCode: '32.72', limit: 100 }).expect(200)).body.items as Body[];
    expect(sukabumi.length).toBeGreaterThan(0);
    expect(new Set(sukabumi.map((u) => u.regionCode))).toEqual(new Set([SUKABUMI]));
    const jatim = await as(t.provincialAdmin).get('/users').query({ regionCode: '3514' });
    expect([jatim.status, jatim.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const bad = await as(t.provincialAdmin).get('/users').query({ regionCode: '3270' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses bad region codes with 400 VALIDATION_FAILED and creates nothing', async () => {
    const before = await db.query<{ users: number; agencies: number }>(`SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM agency) AS agencies`);
    // 3270: kab/kota 70 is neither a kabupaten (01–69) nor a kota (71–99); 30 is no province; 32.7 and 327 are no code.
    for (const regionCode of ['3270', '30', '32.7', '327', '32722', 'JABAR', ' ', 32]) {
      const user = await as(t.provincialAdmin).post('/users').send({ username: name('bad'), displayName: 'x', role: 'CASE_WORKER', regionCode });
      const agency = await as(t.provincialAdmin).post('/agencies').send({ code: 'DINSOS', regionCode, name: 'x' });
      expect([regionCode, user.status, user.body.code, agency.status, agency.body.code]).toEqual([regionCode, 400, 'VALIDATION_FAILED', 400, 'VALIDATION_FAILED']);
    }
    // An agency belongs to a province or a kab/kota; the national scope is for accounts only.
    const national = await as(t.provincialAdmin).post('/agencies').send({ code: 'DINSOS', regionCode: '', name: 'x' });
    expect([national.status, national.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const after = await db.query(`SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM agency) AS agencies`);
    expect(after.rows).toEqual(before.rows);
  });

  it('a national admin (region scope "", made at the console) creates a province\'s first admin and supervisor; a national supervisor confirms the supervisor', async () => {
    const nationalAdmin = await atConsole({ username: name('admin-nasional'), role: 'ADMIN', region: '' });
    const nationalSupervisor = await atConsole({ username: name('spv-nasional'), role: 'SUPERVISOR', region: '' });
    expect((await as(nationalAdmin).get('/auth/me').expect(200)).body.regionCode).toBe('');

    const admin = (await as(nationalAdmin).post('/users').send({ username: name('admin-jabar'), displayName: 'Admin Jawa Barat', role: 'ADMIN', regionCode: '32' }).expect(201)).body;
    expect(admin).toMatchObject({ regionCode: '32', status: 'PENDING_SETUP', setupCode: expect.any(String) });
    const supervisor = await onboard(nationalAdmin, nationalSupervisor, { username: name('spv-jabar'), role: 'SUPERVISOR', regionCode: '32' });
    expect((await as(supervisor.token).get('/auth/me').expect(200)).body.regionCode).toBe('32');
    // Every region lies in the national scope (a user of Jawa Timur, one of Kota Sukabumi).
    for (const id of [t.jatimUser, t.sukabumiCaseWorker]) expect((await as(nationalAdmin).get(`/users/${id}`).expect(200)).body.id).toBe(id);

    // Only a national account gives a national scope: a provincial admin asking for one is out of scope.
    const fromProvince = await as(t.provincialAdmin).post('/users').send({ username: name('nasional'), displayName: 'x', role: 'AUDITOR', regionCode: '' });
    expect([fromProvince.status, fromProvince.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    // A national scope is for those who work across regions, not for case work or an agency's inbox.
    const caseWorker = await as(nationalAdmin).post('/users').send({ username: name('cw-nasional'), displayName: 'x', role: 'CASE_WORKER', regionCode: '' });
    expect([caseWorker.status, caseWorker.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
