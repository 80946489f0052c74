import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { ConsoleUsersModule } from '../../src/users/console-users.module';
import { ConsoleUsers } from '../../src/users/console-users.service';
import type { CreateUserDto } from '../../src/users/dto/user.dto';
import { createAgency, createUser, signedIn, TEST_PASSWORD } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, asserted field by field
type Body = Record<string, any>;

/** A region of this file's own (Kota Madiun), so its users and events are not mixed with other files'. */
const REGION = '3577';
const OTHER_REGION = '3578';
const NEW_PASSWORD = 'chosen-by-the-person-1';

describe('user management: no password passes through an admin (real PostgreSQL, real Temporal)', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  const t = { admin: '', supervisor: '', provincialSupervisor: '', otherSupervisor: '', caseWorker: '', caseId: '' };
  let n = 0;
  let address = 0;

  const http = () => request(api.getHttpServer());
  const as = (token: string) => request.agent(api.getHttpServer()).auth(token, { type: 'bearer' });
  // Failed logins and setup codes are counted per client address: each test speaks from its own.
  const from = () => `10.77.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;
  const login = (username: string, password: string, ip = from()) => http().post('/auth/login').set('X-Forwarded-For', ip).send({ username, password });
  const setup = (setupCode: string, password: string, ip = from()) => http().post('/auth/setup-password').set('X-Forwarded-For', ip).send({ setupCode, password });
  const username = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${n++}`;
  const create = async (body: Body = {}): Promise<Body> =>
    (await as(t.admin).post('/users').send({ username: username('um'), displayName: 'Staf Baru', role: 'CASE_WORKER', regionCode: REGION, ...body }).expect(201)).body;
  const confirm = async (id: string, by = t.supervisor): Promise<Body> => (await as(by).post(`/users/${id}/confirm`).expect(200)).body;
  const status = async (id: string): Promise<string> => (await as(t.admin).get(`/users/${id}`).expect(200)).body.status;

  beforeAll(async () => {
    config = testConfig({ SINERGI_TRUST_PROXY: 'true', SINERGI_LOGIN_MAX_FAILURES_PER_ADDRESS: '5' });
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    const app = api.getHttpServer();
    t.admin = (await signedIn(app, db, 'ADMIN', REGION)).token;
    t.supervisor = (await signedIn(app, db, 'SUPERVISOR', REGION)).token;
    t.provincialSupervisor = (await signedIn(app, db, 'SUPERVISOR', '35')).token;
    t.otherSupervisor = (await signedIn(app, db, 'SUPERVISOR', OTHER_REGION)).token;
    t.caseWorker = (await signedIn(app, db, 'CASE_WORKER', REGION)).token;
    const opened = await as(t.caseWorker).post('/cases').send({ channel: 'RAZIA', regionCode: REGION, person: { name: 'Orang Uji', sex: 'L', approximateAge: 30 } }).expect(201);
    t.caseId = opened.body.id;
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('closes the old path: an admin can neither choose nor set a case worker password, nor obtain a setup code', async () => {
    // Before: POST /users with a password → 201, PATCH with a password → 200, both logins 200, the case 200.
    const adminChosen = 'chosen-by-the-admin-1';
    const made = username('made-by-admin');
    const created = await as(t.admin).post('/users').send({ username: made, displayName: 'x', password: adminChosen, role: 'CASE_WORKER', regionCode: REGION });
    const existing = await createUser(db, 'CASE_WORKER', REGION);
    const patched = await as(t.admin).patch(`/users/${existing.id}`).send({ password: adminChosen });
    const reads: (number | string)[] = [];
    for (const name of [made, existing.username]) {
      const res = await login(name, adminChosen);
      reads.push(res.status === 200 ? (await as(res.body.accessToken).get(`/cases/${t.caseId}`)).status : `login ${res.status}`);
    }
    expect({ created: [created.status, created.body.code], patched: [patched.status, patched.body.code], reads }).toEqual({
      created: [400, 'VALIDATION_FAILED'],
      patched: [400, 'VALIDATION_FAILED'],
      reads: ['login 401', 'login 401'],
    });

    // The ways that remain give the admin no credential of a case-file account.
    const account = await create();
    expect(account).toMatchObject({ status: 'PENDING_CONFIRMATION', active: true, setupCode: null, setupCodeExpiresAt: null });
    expect((await as(t.admin).post(`/users/${account.id}/reset-password`).expect(200)).body).toMatchObject({ status: 'PENDING_CONFIRMATION', setupCode: null });
    const adminConfirms = await as(t.admin).post(`/users/${account.id}/confirm`);
    expect([adminConfirms.status, adminConfirms.body.code]).toEqual([403, 'PERMISSION_DENIED']);
    expect(await status(account.id)).toBe('PENDING_CONFIRMATION');
  });

  it('create → a supervisor of the region confirms → the person sets the password → logs in → reads a case of the region', async () => {
    const account = await create({ displayName: 'Pekerja Sosial Baru' });
    const wrong = await login(account.username, 'any-password-at-all');
    const unknown = await login(`nobody-${n++}`, 'any-password-at-all');
    const strip = (b: Body) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body)); // a pending account fails exactly like a wrong password
    const pending = (await as(t.supervisor).get('/users').query({ status: 'PENDING_CONFIRMATION', limit: 100 }).expect(200)).body;
    expect(pending.items.map((u: Body) => u.id)).toContain(account.id);

    const confirmed = await confirm(account.id);
    expect(confirmed).toMatchObject({ id: account.id, status: 'PENDING_SETUP', setupCode: expect.stringMatching(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/) });
    const hours = (Date.parse(confirmed.setupCodeExpiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    expect(JSON.stringify((await as(t.admin).get(`/users/${account.id}`).expect(200)).body)).not.toContain(confirmed.setupCode);

    // Typed by hand: lower case, without hyphens.
    await setup(confirmed.setupCode.replace(/-/g, '').toLowerCase(), NEW_PASSWORD).expect(204);
    expect(await status(account.id)).toBe('ACTIVE');
    const session = await login(account.username, NEW_PASSWORD).expect(200);
    const read = await as(session.body.accessToken).get(`/cases/${t.caseId}`).expect(200);
    expect(read.body.regionCode).toBe(REGION);
  });

  it('only a supervisor whose scope covers the account confirms it; other regions get 404, admins 403, and nothing else is pending', async () => {
    const account = await create({ role: 'AGENCY_OFFICER', regionCode: undefined, agencyId: await createAgency(db, 'DINKES', REGION) });
    const foreign = await as(t.otherSupervisor).post(`/users/${account.id}/confirm`);
    const missing = await as(t.otherSupervisor).post(`/users/00000000-0000-4000-8000-000000000000/confirm`);
    expect([foreign.status, foreign.body.code, foreign.body.title]).toEqual([missing.status, missing.body.code, missing.body.title]);
    expect(foreign.status).toBe(404);
    expect((await as(t.admin).post(`/users/${account.id}/confirm`)).status).toBe(403);
    expect(await status(account.id)).toBe('PENDING_CONFIRMATION');
    // A provincial supervisor's scope covers the kab/kota.
    expect((await confirm(account.id, t.provincialSupervisor)).setupCode).toEqual(expect.any(String));

    const admin = await create({ role: 'ADMIN' });
    expect(admin).toMatchObject({ status: 'PENDING_SETUP', setupCode: expect.any(String) }); // an admin account: the code goes to the admin
    const notPending = await as(t.supervisor).post(`/users/${admin.id}/confirm`);
    expect([notPending.status, notPending.body.code]).toEqual([409, 'ACCOUNT_NOT_PENDING']);
    const active = await createUser(db, 'CASE_WORKER', REGION);
    expect((await as(t.supervisor).post(`/users/${active.id}/confirm`)).body.code).toBe('ACCOUNT_NOT_PENDING');
  });

  it('a setup code works once, not after it expires, and not after a new one replaced it; guessing is throttled', async () => {
    const once = await confirm((await create()).id);
    await setup(once.setupCode, 'short').expect(400); // a refused password does not spend the code
    await setup(once.setupCode, NEW_PASSWORD).expect(204);
    const again = await setup(once.setupCode, 'another-password-2').expect(401);
    expect(again.body.code).toBe('INVALID_SETUP_CODE');

    const account = await create();
    const expiring = await confirm(account.id);
    await db.query(`UPDATE app_user SET setup_code_expires_at = now() - interval '1 second' WHERE id = $1`, [account.id]);
    expect((await setup(expiring.setupCode, NEW_PASSWORD).expect(401)).body.code).toBe('INVALID_SETUP_CODE');
    const renewed = await confirm(account.id); // the supervisor issues a new one
    expect(renewed.setupCode).not.toBe(expiring.setupCode);
    await db.query(`UPDATE app_user SET setup_code_expires_at = now() + interval '1 hour' WHERE id = $1 AND setup_code_hash IS NOT NULL`, [account.id]);
    await setup(expiring.setupCode, NEW_PASSWORD).expect(401); // replaced, even when the old expiry is moved forward
    await setup(renewed.setupCode, NEW_PASSWORD).expect(204);
    await login(account.username, NEW_PASSWORD).expect(200);

    const ip = from();
    for (let i = 0; i < 5; i++) await setup(`AAAA-BBBB-CCCC-DDDD-EEE${i}`, NEW_PASSWORD, ip).expect(401);
    const valid = await confirm((await create()).id);
    const locked = await setup(valid.setupCode, NEW_PASSWORD, ip).expect(429);
    expect([locked.body.code, Number(locked.headers['retry-after']) > 0]).toEqual(['LOGIN_LOCKED', true]);
    await setup(valid.setupCode, NEW_PASSWORD).expect(204); // from another address the code still works
  });

  it('a reset clears the password and ends sessions; case-file roles go back to a supervisor, admin accounts to the admin', async () => {
    const account = await create();
    await setup((await confirm(account.id)).setupCode, NEW_PASSWORD).expect(204);
    const session = (await login(account.username, NEW_PASSWORD).expect(200)).body;
    const reset = (await as(t.admin).post(`/users/${account.id}/reset-password`).expect(200)).body;
    expect(reset).toMatchObject({ status: 'PENDING_CONFIRMATION', setupCode: null });
    await http().post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await login(account.username, NEW_PASSWORD).expect(401);
    await setup((await confirm(account.id)).setupCode, 'the-second-password').expect(204);
    await login(account.username, 'the-second-password').expect(200);

    const admin = await create({ role: 'ADMIN' });
    await setup(admin.setupCode, NEW_PASSWORD).expect(204);
    const adminSession = (await login(admin.username, NEW_PASSWORD).expect(200)).body;
    const adminReset = (await as(t.admin).post(`/users/${admin.id}/reset-password`).expect(200)).body;
    expect(adminReset).toMatchObject({ status: 'PENDING_SETUP', setupCode: expect.any(String) });
    await http().post('/auth/refresh').send({ refreshToken: adminSession.refreshToken }).expect(401);
    await setup(admin.setupCode, 'the-second-password').expect(401); // the first code is long spent
    await setup(adminReset.setupCode, 'the-second-password').expect(204);
    await login(admin.username, 'the-second-password').expect(200);
  });

  it('a person changes their own password with the current one; their other sessions end', async () => {
    const user = await createUser(db, 'AUDITOR', REGION);
    const first = (await login(user.username, TEST_PASSWORD).expect(200)).body;
    const second = (await login(user.username, TEST_PASSWORD).expect(200)).body;
    const wrong = await as(second.accessToken).post('/auth/password').send({ currentPassword: 'not-the-password', newPassword: NEW_PASSWORD });
    expect([wrong.status, wrong.body.code]).toEqual([403, 'WRONG_CURRENT_PASSWORD']);
    const changed = (await as(second.accessToken).post('/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(200)).body;
    for (const old of [first, second]) await http().post('/auth/refresh').send({ refreshToken: old.refreshToken }).expect(401);
    await http().post('/auth/refresh').send({ refreshToken: changed.refreshToken }).expect(200);
    await login(user.username, TEST_PASSWORD).expect(401);
    await login(user.username, NEW_PASSWORD).expect(200);
    expect((await as(changed.accessToken).post('/auth/password').send({ currentPassword: NEW_PASSWORD, newPassword: 'short' })).status).toBe(400);
  });

  it('PATCH renames or (de)activates; an empty, null, hidden-character or password body is a 400 that changes nothing', async () => {
    const user = await createUser(db, 'CASE_WORKER', REGION);
    const hidden = [{ displayName: 'Admin\u202Egnp.exe' }, { displayName: 'Bu\u200Bdi' }, { displayName: 'x\u0000' }, { displayName: ' ' }];
    for (const body of [{}, { password: 'a-long-password-1' }, { displayName: null }, { active: null }, { displayName: '' }, ...hidden]) {
      const res = await as(t.admin).patch(`/users/${user.id}`).send(body);
      expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
    }
    await login(user.username, TEST_PASSWORD).expect(200);
    const session = (await login(user.username, TEST_PASSWORD).expect(200)).body;
    expect((await as(t.admin).patch(`/users/${user.id}`).send({ displayName: 'Nama Baru', active: false }).expect(200)).body).toMatchObject({ displayName: 'Nama Baru', active: false, status: 'DEACTIVATED' });
    await http().post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await login(user.username, TEST_PASSWORD).expect(401);
    expect((await as(t.admin).patch(`/users/${user.id}`).send({ active: true }).expect(200)).body.status).toBe('ACTIVE');
    await login(user.username, TEST_PASSWORD).expect(200);
  });

  it('a user outside the scope is a 404 like a missing one, on every user route; creating outside it is 403', async () => {
    const outside = await createUser(db, 'CASE_WORKER', OTHER_REGION);
    const missing = '00000000-0000-4000-8000-000000000000';
    const routes: [string, (id: string) => request.Test][] = [
      ['GET', (id) => as(t.admin).get(`/users/${id}`)],
      ['PATCH', (id) => as(t.admin).patch(`/users/${id}`).send({ displayName: 'x' })],
      ['reset', (id) => as(t.admin).post(`/users/${id}/reset-password`)],
      ['confirm', (id) => as(t.supervisor).post(`/users/${id}/confirm`)],
    ];
    for (const [route, call] of routes) {
      const [a, b] = [await call(outside.id), await call(missing)];
      expect([route, a.status, a.body.code, a.body.title]).toEqual([route, 404, 'USER_NOT_FOUND', b.body.title]);
    }
    await login(outside.username, TEST_PASSWORD).expect(200); // the reset did not happen
    const created = await as(t.admin).post('/users').send({ username: username('far'), displayName: 'x', role: 'CASE_WORKER', regionCode: OTHER_REGION });
    expect([created.status, created.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    // An officer for another region's agency: the agency looks absent, exactly like one that does not exist.
    const farAgency = await createAgency(db, 'DINSOS', OTHER_REGION);
    const officerOf = (agencyId: string) => as(t.admin).post('/users').send({ username: username('far'), displayName: 'x', role: 'AGENCY_OFFICER', agencyId });
    const a = await officerOf(farAgency);
    const b = await officerOf(missing);
    expect([a.status, a.body.code, a.body.title]).toEqual([404, 'AGENCY_NOT_FOUND', b.body.title]);
  });

  it('the console command (the operator) creates an active account with a password, recorded as "cli"', async () => {
    const app = await NestFactory.createApplicationContext(ConsoleUsersModule.forRoot(config), { logger: false });
    const name = username('first-supervisor');
    try {
      const dto: CreateUserDto = { username: name, displayName: 'Pertama', role: 'SUPERVISOR', regionCode: REGION };
      const user = await app.get(ConsoleUsers).createActive(dto, NEW_PASSWORD);
      expect(user).toMatchObject({ username: name, role: 'SUPERVISOR', status: 'ACTIVE' });
      await login(name, NEW_PASSWORD).expect(200);
      const { rows } = await db.query(`SELECT actor_id, action FROM security_event WHERE target_id = $1 ORDER BY occurred_at`, [user.id]);
      expect(rows).toEqual([
        { actor_id: 'cli', action: 'USER_CREATED' },
        { actor_id: 'cli', action: 'PASSWORD_SETUP' },
      ]);
    } finally {
      await app.close();
    }
  });
});
