import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Pool } from 'pg';
import request from 'supertest';
import type { Role } from '../../workflows/contracts/actor';
import type { AppConfig } from '../../src/config/app-config';
import { eventually } from '../helpers/eventually';
import { createAgency, createUser, issuedAgencyKey, signedIn, TEST_PASSWORD } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

/**
 * Who may call what, written out by hand (not derived from the permission table, so that a change to
 * the table shows up here). Every route in the OpenAPI spec must appear, so adding a route without
 * deciding its access fails this test; a route whose decorator is missing is refused by the guard
 * and fails the "allowed" expectations below. Every route with an id runs against a real resource of
 * its kind (a case, its agency task, a user, an agency, an API key), and again from another region.
 */
const ALL: Role[] = ['CASE_WORKER', 'SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'ADMIN', 'AGENCY_SYSTEM'];
const EXPECTED: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'POST /auth/login': 'public',
  'POST /auth/refresh': 'public',
  'POST /auth/logout': 'public',
  'POST /auth/setup-password': 'public',
  'GET /auth/me': ALL,
  'POST /auth/password': ['CASE_WORKER', 'SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'ADMIN'],
  'POST /cases': ['CASE_WORKER', 'SUPERVISOR'],
  'GET /cases': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'GET /cases/{id}': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'GET /cases/attention': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'POST /cases/nik-check': ['CASE_WORKER', 'SUPERVISOR'],
  'POST /cases/search': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'GET /cases/{id}/actions': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'GET /cases/{id}/tasks': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'GET /cases/{id}/timeline': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  ...Object.fromEntries(
    [
      'start-health-check',
      'record-health-check',
      'record-recovery',
      'record-assessment',
      'record-referral-refusal',
      'extend-shelter-stay',
      'leave-shelter',
      'complete-rehabilitation',
      'acknowledge-repatriation',
      'complete-reintegration',
      'record-monitoring-visit',
      'close',
    ].map((command) => [`POST /cases/{id}/${command}`, ['CASE_WORKER', 'SUPERVISOR'] as Role[]]),
  ),
  'POST /cases/{id}/extend-shelter-stay': ['SUPERVISOR'],
  'POST /cases/{id}/close': ['SUPERVISOR'],
  'GET /regions': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /tasks': ['SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'AGENCY_SYSTEM'],
  'POST /tasks/{id}/claim': ['AGENCY_OFFICER', 'AGENCY_SYSTEM'],
  'POST /tasks/{id}/complete': ['AGENCY_OFFICER', 'AGENCY_SYSTEM'],
  'POST /tasks/{id}/reject': ['AGENCY_OFFICER', 'AGENCY_SYSTEM'],
  // Passes for the task's agency and answers 409 on a task other than a Puskesos intake (the matrix's is a health check).
  'POST /tasks/{id}/refer-to-regency': ['AGENCY_OFFICER', 'AGENCY_SYSTEM'],
  // case.create: staff, and a Puskesos officer by their agency (the matrix's officer is Dinkes's: refused).
  'GET /puskesos/intake-point': ['CASE_WORKER', 'SUPERVISOR'],
  'POST /tasks/{id}/reassign': ['SUPERVISOR'],
  'GET /users': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'POST /users': ['ADMIN'],
  'GET /users/{id}': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'PATCH /users/{id}': ['ADMIN'],
  'POST /users/{id}/confirm': ['SUPERVISOR'],
  'POST /users/{id}/reset-password': ['ADMIN'],
  'GET /agencies': ['CASE_WORKER', 'SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'ADMIN'],
  'POST /agencies': ['ADMIN'],
  'GET /agencies/{id}': ['CASE_WORKER', 'SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'ADMIN'],
  'PATCH /agencies/{id}': ['ADMIN'],
  'GET /agencies/{id}/credentials': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /agencies/{code}/queue': ['SUPERVISOR'],
  'POST /agencies/{id}/credentials': ['ADMIN'],
  'DELETE /agencies/{id}/credentials/{keyId}': ['ADMIN'],
  'POST /agencies/{id}/credentials/{keyId}/confirm': ['SUPERVISOR'],
  'GET /cases/{id}/history': ['AUDITOR'],
  'GET /cases/{id}/history/verify': ['AUDITOR'],
  'GET /cases/{id}/history/export': ['AUDITOR'],
  'GET /cases/{id}/state': ['AUDITOR'],
  'GET /audit/events': ['AUDITOR'],
  'GET /audit/events/export': ['AUDITOR'],
  'GET /audit/access-log': ['AUDITOR'],
  'GET /audit/security-events': ['AUDITOR'],
  'GET /notifications': ALL,
  'GET /cases/{id}/person-candidates': ['CASE_WORKER', 'SUPERVISOR'],
  'POST /cases/{id}/person': ['CASE_WORKER', 'SUPERVISOR'],
  'DELETE /cases/{id}/person': ['SUPERVISOR'],
  'GET /persons/{id}': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'PATCH /persons/{id}': ['CASE_WORKER', 'SUPERVISOR'],
  'POST /persons/search': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'POST /persons/{id}/merge': ['SUPERVISOR'],
  'POST /persons/merges/{mergeId}/undo': ['SUPERVISOR'],
  'POST /persons/{id}/erasure': ['SUPERVISOR'],
  'POST /persons/{id}/restriction': ['SUPERVISOR'],
  'DELETE /persons/{id}/restriction': ['SUPERVISOR'],
  'POST /persons/{id}/legal-hold': ['SUPERVISOR'],
  'DELETE /persons/{id}/legal-hold': ['SUPERVISOR'],
  'GET /persons/{id}/data-report': ['SUPERVISOR', 'AUDITOR'],
  // Agency officers hold razia.* only by Satpol PP's agency (AGENCY_PERMISSIONS in src/auth/permissions.ts):
  // this matrix's officer is DINKES's, refused like any missing permission.
  'POST /razia': ['CASE_WORKER', 'SUPERVISOR'],
  'GET /razia': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'GET /razia/{id}': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  // The Temporal codec: admins of national scope only (the matrix's admins are Pasuruan's, refused);
  // test/e2e/payload-encryption.e2e-spec.ts shows a national admin served.
  'POST /codec/decode': [],
  'POST /codec/encode': [],
  // Reports (docs/reports.md): the figures for supervisors, auditors and admins; the cases behind one for
  // whoever may list cases.
  'GET /reports/intake': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/caseload': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/timeliness': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/reintegration': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/repeats': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/regions': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/cases': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  // The monthly report (docs/monthly-report.md): made on request, and the stored ones.
  'GET /reports/monthly': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/monthly/pdf': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/monthly/xlsx': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/monthly/{id}/pdf': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
  'GET /reports/monthly/{id}/xlsx': ['SUPERVISOR', 'AUDITOR', 'ADMIN'],
};
/** Roles that pass a route's permission but whose command the stage machine reserves for others. */
const REFUSED_BY_STAGE_MACHINE: Record<string, Role[]> = {
  'POST /cases/{id}/extend-shelter-stay': ['CASE_WORKER'],
  'POST /cases/{id}/close': ['CASE_WORKER'],
};
/** The only routes that answer without any credential (besides /docs, which is not an API route). */
const OPEN_WITHOUT_CREDENTIAL = ['GET /health', 'GET /metrics', 'POST /auth/login', 'POST /auth/setup-password'];

type Credential = { bearer: string } | { apiKey: string } | { none: true };
type Principals = Record<Role, Credential>;

/** What a route's id stands for, and the code an unknown (or out-of-scope) one answers. */
const KIND_OF: [RegExp, string, string][] = [
  [/^\/cases\/\{id\}/, 'case', 'CASE_NOT_FOUND'],
  [/^\/tasks\/\{id\}/, 'task', 'TASK_NOT_FOUND'],
  [/^\/users\/\{id\}/, 'user', 'USER_NOT_FOUND'],
  [/^\/agencies\/\{id\}/, 'agency', 'AGENCY_NOT_FOUND'],
  [/^\/persons\/\{id\}/, 'person', 'PERSON_NOT_FOUND'],
  [/^\/persons\/merges\/\{mergeId\}/, 'merge', 'MERGE_NOT_FOUND'],
  [/^\/razia\/\{id\}/, 'razia', 'RAZIA_NOT_FOUND'],
  [/^\/reports\/monthly\/\{id\}/, 'monthlyReport', 'REPORT_NOT_FOUND'],
];
const kindOf = (route: string) => KIND_OF.find(([pattern]) => pattern.test(route.split(' ')[1] as string));

describe('authorization matrix: every route × every role, token state, region and agency', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let routes: string[];
  let spec: { paths: Record<string, Record<string, { security?: unknown[]; 'x-permission'?: { permission: string } }>> };
  /** Everyone in Kab. Pasuruan (3514), where the resources are. */
  const principals = {} as Principals;
  /** The same roles in Kab. Banyuwangi (3510): every resource above is outside their scope. */
  const elsewhere = {} as Principals;
  /** An officer of another agency (DINSOS) of the same region. */
  let otherAgencyOfficer: Credential;
  // managedUserId: the account the /users/{id} routes act on (reset, confirm), not a principal's.
  const fx = { raziaId: '', caseId: '', taskId: '', managedUserId: '', agencyId: '', dinkesOfficerId: '', spareKeyIds: [] as string[], caseWorker: '', personId: '', otherPersonId: '', mergeId: '', monthlyReportId: '' };
  let counter = 0;

  const app = () => api.getHttpServer();
  const bearer = (c: Credential) => (c as { bearer: string }).bearer;

  /** Fills a route with the real resources and a body that succeeds for an allowed caller. */
  async function call(route: string, credential: Credential, region = '3514'): Promise<request.Response> {
    const [method, template] = route.split(' ') as [string, string];
    const keyId = fx.spareKeyIds[counter % fx.spareKeyIds.length] as string;
    const ids: Record<string, string> = { razia: fx.raziaId, case: fx.caseId, task: fx.taskId, user: fx.managedUserId, agency: fx.agencyId, person: fx.personId, monthlyReport: fx.monthlyReportId };
    const path = template
      .replace('{id}', ids[kindOf(route)?.[1] ?? 'agency'] as string)
      .replace('{mergeId}', fx.mergeId)
      .replace('{keyId}', keyId)
      .replace('{code}', 'DINKES');
    const n = ++counter;
    const bodies: Record<string, () => Promise<object> | object> = {
      'POST /auth/login': () => ({ username: fx.caseWorker, password: TEST_PASSWORD }),
      // These two take their credential (a refresh token) in the body: "no credential" sends none.
      'POST /auth/refresh': async () => ('none' in credential ? {} : { refreshToken: await freshRefreshToken() }),
      'POST /auth/logout': async () => ('none' in credential ? {} : { refreshToken: await freshRefreshToken() }),
      'POST /cases': () => ({ channel: 'RAZIA', regionCode: region, person: { name: 'Matrix', sex: 'P', approximateAge: 40 } }),
      'POST /razia': () => ({ occurredAt: '2026-11-22T21:30:00+07:00', place: 'Pasar', regionCode: region, team: 'Regu 1', people: [{ name: 'Matrix', sex: 'P', approximateAge: 40 }] }),
      'POST /cases/nik-check': () => ({ nik: '3514012304850001', sex: 'L' }),
      'POST /auth/setup-password': async () => ({ setupCode: await freshSetupCode(), password: 'matrix-password' }),
      'POST /auth/password': () => ({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
      'POST /users': () => ({ username: `matrix-${Date.now()}-${n}`, displayName: 'M', role: 'AUDITOR', regionCode: region }),
      'PATCH /users/{id}': () => ({ displayName: `renamed ${n}` }),
      'POST /agencies': () => ({ code: `TEST_${Date.now() % 1e9}_${n}`, regionCode: region, name: 'Test agency' }),
      'POST /agencies/{id}/credentials': () => ({ label: `matrix ${n}` }),
      'POST /cases/{id}/record-health-check': () => ({ result: 'FIT' }),
      'POST /cases/{id}/record-assessment': () => ({ ppksCategories: ['PPKS-11'], decision: 'SHELTER', shelterType: 'ADULT' }),
      'POST /cases/{id}/record-referral-refusal': () => ({ note: 'declines' }),
      'POST /cases/{id}/extend-shelter-stay': () => ({ days: 2, reason: 'transport' }),
      'POST /cases/{id}/leave-shelter': () => ({ next: 'REHABILITATION' }),
      'POST /cases/{id}/complete-rehabilitation': () => ({ reintegrationType: 'FAMILY_REUNIFICATION' }),
      // The caller's own region as the receiving one: from elsewhere this once revealed the case's stage.
      'POST /cases/{id}/acknowledge-repatriation': () => ({ receivingOfficer: 'x', receivingRegionCode: region }),
      'POST /cases/{id}/record-monitoring-visit': () => ({ outcome: 'STABLE' }),
      'POST /cases/{id}/close': () => ({ reason: 'ABSCONDED', note: 'left' }),
      'POST /tasks/{id}/complete': () => ({ outcome: { result: 'FIT' } }),
      'PATCH /agencies/{id}': () => ({ name: `DINKES 3514 (${n})` }),
      'POST /tasks/{id}/reject': () => ({ reason: 'not ours' }),
      'POST /tasks/{id}/refer-to-regency': () => ({ reason: 'matrix' }),
      'POST /tasks/{id}/reassign': () => ({ assigneeUserId: fx.dinkesOfficerId }),
      'POST /cases/{id}/person': () => ({ newPerson: true }),
      'POST /persons/search': () => ({ q: 'Matrix' }),
      'POST /persons/{id}/merge': () => ({ otherPersonId: fx.otherPersonId }),
      'PATCH /persons/{id}': () => ({ aliases: [`Matrix ${n}`] }),
      // The matrix's person has no case: an allowed erasure succeeds once, then answers 409 PERSON_ERASED.
      'POST /persons/{id}/erasure': () => ({ reason: 'matrix', legalBasis: 'SUBJECT_REQUEST' }),
      'POST /persons/{id}/restriction': () => ({ reason: 'matrix' }),
      'POST /persons/{id}/legal-hold': () => ({ reason: 'matrix', kind: 'OTHER' }),
    };
    const queries: Record<string, object> = {
      'GET /cases/{id}/state': { at: new Date().toISOString() },
      'GET /audit/events': { region },
      'GET /audit/events/export': { region, format: 'csv' },
      'GET /reports/cases': { figure: 'opened.byChannel', key: 'RAZIA' },
    };
    let req = request(app())[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](path).query(queries[route] ?? {});
    if ('bearer' in credential) req = req.auth(credential.bearer, { type: 'bearer' });
    if ('apiKey' in credential) req = req.set('X-Api-Key', credential.apiKey);
    if (route === 'POST /razia') req = req.set('Idempotency-Key', `matrix-${n}`);
    const body = bodies[route];
    return body ? req.send(await body()) : req;
  }

  /** The one-time code of a new ADMIN account (an admin receives those at creation). */
  async function freshSetupCode(): Promise<string> {
    const res = await request(app()).post('/users').auth(bearer(principals.ADMIN), { type: 'bearer' }).send({ username: `matrix-setup-${++counter}-${Date.now()}`, displayName: 'M', role: 'ADMIN', regionCode: '3514' }).expect(201);
    return (res.body as { setupCode: string }).setupCode;
  }

  async function freshRefreshToken(): Promise<string> {
    const res = await request(app()).post('/auth/login').send({ username: fx.caseWorker, password: TEST_PASSWORD }).expect(200);
    return (res.body as { refreshToken: string }).refreshToken;
  }

  /** One principal per role in a region, the agency ones of its DINKES (an officer and an API key, issued by the admin and confirmed by the supervisor). */
  async function principalsOf(region: string, dinkes: string): Promise<Principals> {
    const admin = await signedIn(app(), db, 'ADMIN', region);
    const supervisor = await signedIn(app(), db, 'SUPERVISOR', region);
    const key = await issuedAgencyKey(app(), dinkes, `matrix system ${region}`, { admin: admin.token, supervisor: supervisor.token });
    return {
      CASE_WORKER: { bearer: (await signedIn(app(), db, 'CASE_WORKER', region)).token },
      SUPERVISOR: { bearer: supervisor.token },
      AGENCY_OFFICER: { bearer: (await signedIn(app(), db, 'AGENCY_OFFICER', region, dinkes)).token },
      AUDITOR: { bearer: (await signedIn(app(), db, 'AUDITOR', region)).token },
      ADMIN: { bearer: admin.token },
      AGENCY_SYSTEM: { apiKey: key.apiKey },
    };
  }

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    const dinkes = await createAgency(db, 'DINKES', '3514');
    const dinsos = await createAgency(db, 'DINSOS', '3514');
    const dinkesBanyuwangi = await createAgency(db, 'DINKES', '3510');
    worker = await startWorker(config);
    api = await startApi(config);
    fx.agencyId = dinkes;
    Object.assign(principals, await principalsOf('3514', dinkes));
    Object.assign(elsewhere, await principalsOf('3510', dinkesBanyuwangi));
    const cw = await signedIn(app(), db, 'CASE_WORKER', '3514');
    fx.caseWorker = cw.username;
    fx.managedUserId = (await createUser(db, 'CASE_WORKER', '3514')).id;
    fx.dinkesOfficerId = (await createUser(db, 'AGENCY_OFFICER', '3514', dinkes)).id;
    for (let i = 0; i < 3; i++) {
      const spare = await request(app()).post(`/agencies/${dinkes}/credentials`).auth(bearer(principals.ADMIN), { type: 'bearer' }).send({ label: `spare ${i}` }).expect(201);
      fx.spareKeyIds.push((spare.body as { keyId: string }).keyId);
    }
    otherAgencyOfficer = { bearer: (await signedIn(app(), db, 'AGENCY_OFFICER', '3514', dinsos)).token };
    // The case, and its health check in DINKES's inbox: the resources every {id} route runs against.
    const opened = await call('POST /cases', { bearer: cw.token });
    expect(opened.status).toBe(201);
    fx.caseId = (opened.body as { id: string }).id;
    const razia = await call('POST /razia', { bearer: cw.token });
    expect(razia.status).toBe(201);
    fx.raziaId = (razia.body as { id: string }).id;
    await request(app()).post(`/cases/${fx.caseId}/start-health-check`).auth(cw.token, { type: 'bearer' }).expect(200);
    const inbox = () => request(app()).get('/tasks').query({ caseId: fx.caseId }).auth(bearer(principals.SUPERVISOR), { type: 'bearer' });
    const tasks = await eventually(async () => (await inbox()).body.items as { id: string }[], (items) => items.length === 1);
    fx.taskId = (tasks[0] as { id: string }).id;
    // Three people of Pasuruan: one to read and merge into, one to merge, one merged already (its merge to undo).
    const person = async (mergedInto: string | null = null) =>
      (await db.query<{ id: string }>(
        `INSERT INTO person (name, sex, birth_year, birth_year_approximate, region_code, created_by_id, created_by_name, merged_into, merged_at)
         VALUES ('Matrix', 'P', 1985, true, '3514', 'matrix', 'matrix', $1, CASE WHEN $1::uuid IS NULL THEN NULL ELSE now() END) RETURNING id`,
        [mergedInto],
      )).rows[0]?.id as string;
    fx.personId = await person();
    fx.otherPersonId = await person();
    // A stored monthly report of Pasuruan (as the worker's schedule stores them), for /reports/monthly/{id}/….
    fx.monthlyReportId = (await db.query<{ id: string }>(
      `INSERT INTO monthly_report (region_code, period_from, period_to, generated_at, pdf, xlsx) VALUES ('3514', '2001-01-01', '2001-01-31', now(), '\\x255044462d', '\\x504b0304') RETURNING id`,
    )).rows[0]?.id as string;
    const merged = await person(fx.personId);
    fx.mergeId = (await db.query<{ id: string }>(
      `INSERT INTO person_merge (person_id, merged_person_id, moved, merged_by_id, merged_by_name, merged_at) VALUES ($1, $2, '[]', 'matrix', 'matrix', now()) RETURNING id`,
      [fx.personId, merged],
    )).rows[0]?.id as string;
    spec = (await request(app()).get('/docs/openapi.json').expect(200)).body as typeof spec;
    routes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await db?.end();
  });

  it('has an expectation for every route the API serves, and no stale ones', () => {
    expect(routes.filter((r) => !(r in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('documents a permission and a security scheme for every non-public route', () => {
    for (const route of routes.filter((r) => EXPECTED[r] !== 'public')) {
      const [method, path] = route.split(' ') as [string, string];
      const op = spec.paths[path]?.[method.toLowerCase()];
      expect([route, op?.['x-permission']?.permission ?? 'none', (op?.security ?? []).length > 0]).toEqual([route, expect.any(String), true]);
      expect(op?.['x-permission']?.permission).not.toBe('none');
    }
  });

  // "Allowed" means the request passes authorization and finds its (real, in-scope) resource: 2xx, or a
  // domain answer such as 409 for a command the case's stage does not allow — never 401, 403 or 404.
  it('answers every role as the matrix says: allowed → the resource is reached, otherwise 403 PERMISSION_DENIED', async () => {
    const seen: string[] = [];
    for (const route of routes) {
      const expected = EXPECTED[route];
      for (const role of ALL) {
        const res = await call(route, principals[role]);
        const allowed = expected === 'public' || (expected ?? []).includes(role);
        seen.push(`${route} ${role} ${res.status}`);
        if (allowed) expect([route, role, [401, 403, 404].includes(res.status) || res.status >= 500 ? res.status : 'ok']).toEqual([route, role, 'ok']);
        else {
          const code = REFUSED_BY_STAGE_MACHINE[route]?.includes(role) ? 'ROLE_NOT_ALLOWED' : 'PERMISSION_DENIED';
          expect([route, role, res.status, (res.body as { code?: string }).code]).toEqual([route, role, 403, code]);
        }
      }
    }
    expect(seen.length).toBe(routes.length * ALL.length);
    // Several hundred requests, many through Temporal: more than Jest's default minute on a loaded machine.
  }, 240_000);

  it('refuses the auditor every write route (403 PERMISSION_DENIED): auditors change nothing (but their own password)', async () => {
    // POST /cases/search reads (its search text must not travel in a URL); /auth/password is every person's own.
    const writes = routes.filter((r) => !r.startsWith('GET ') && EXPECTED[r] !== 'public' && r !== 'POST /auth/password' && r !== 'POST /cases/search' && r !== 'POST /persons/search');
    expect(writes.length).toBeGreaterThanOrEqual(23); // 12 case commands, 4 task actions, users, agencies, credentials
    for (const route of writes) {
      const res = await call(route, principals.AUDITOR);
      expect([route, res.status, (res.body as { code?: string }).code]).toEqual([route, 403, 'PERMISSION_DENIED']);
    }
  });

  it('answers 401 without a credential, with an expired token and with a tampered token', async () => {
    const cw = bearer(principals.CASE_WORKER);
    const claims = JSON.parse(Buffer.from(cw.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    const { iat: _iat, exp: _exp, iss: _iss, aud: _aud, ...payload } = claims;
    const expired = new JwtService({ secret: config.auth.jwtSecret }).sign(payload, { expiresIn: -60, issuer: 'sinergi', audience: 'sinergi-api' });
    const [h, , sig] = cw.split('.') as [string, string, string];
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url')}.${sig}`;
    for (const route of routes) {
      for (const [kind, credential] of [
        ['none', { none: true }],
        ['expired', { bearer: expired }],
        ['tampered', { bearer: tampered }],
      ] as [string, Credential][]) {
        const res = await call(route, credential);
        const open = OPEN_WITHOUT_CREDENTIAL.includes(route) || (EXPECTED[route] === 'public' && kind !== 'none');
        if (open) expect([route, kind, res.status < 400 ? 'ok' : res.status]).toEqual([route, kind, 'ok']);
        else expect([route, kind, res.status, (res.body as { code?: string }).code]).toEqual([route, kind, 401, 'UNAUTHENTICATED']);
      }
    }
  });

  it('answers every route on a resource of another region as if it did not exist, recording the attempt outside the case', async () => {
    const ledgerBefore = (await call('GET /cases/{id}/history', principals.AUDITOR)).body as { total: number };
    const tried: string[] = [];
    for (const route of routes.filter((r) => kindOf(r) !== undefined && EXPECTED[r] !== 'public')) {
      const role = (EXPECTED[route] as Role[])[0] as Role;
      const res = await call(route, elsewhere[role], '3510');
      tried.push(route);
      expect([route, role, res.status, (res.body as { code?: string }).code]).toEqual([route, role, 404, kindOf(route)?.[2]]);
      expect(JSON.stringify(res.body)).not.toMatch(/allowedActions|INTAKE|HEALTH_CHECK|ASSESSMENT/);
    }
    expect(tried.filter((r) => r.startsWith('POST /cases/{id}/') && r !== 'POST /cases/{id}/person')).toHaveLength(12);
    expect(tried.filter((r) => r.startsWith('POST /tasks/{id}/'))).toHaveLength(5);
    // Nothing was written into the case's own chain; the security log holds every attempt on it.
    expect(((await call('GET /cases/{id}/history', principals.AUDITOR)).body as { total: number }).total).toBe(ledgerBefore.total);
    const logged = await request(app()).get('/audit/security-events').query({ action: 'OUT_OF_SCOPE', target: fx.caseId, limit: 100 }).auth(bearer(principals.AUDITOR), { type: 'bearer' }).expect(200);
    expect((logged.body as { total: number }).total).toBeGreaterThanOrEqual(tried.filter((r) => kindOf(r)?.[1] === 'case').length);
  });

  it("keeps lists and searches to the caller's region: another region's cases, tasks, events and accesses never show", async () => {
    const get = (c: Credential, path: string, query: object = {}) => {
      const req = request(app()).get(path).query(query);
      return 'apiKey' in c ? req.set('X-Api-Key', c.apiKey) : req.auth(bearer(c), { type: 'bearer' });
    };
    const ids = (items: { id?: string; caseId?: string }[]) => items.map((i) => i.caseId ?? i.id);
    // Pasuruan's own people see the resources (the positive control for every check below).
    expect(ids((await get(principals.CASE_WORKER, '/cases', { limit: 100 }).expect(200)).body.items)).toContain(fx.caseId);
    expect(ids((await get(principals.AGENCY_SYSTEM, '/tasks', { limit: 100 }).expect(200)).body.items)).toContain(fx.caseId);
    expect(ids((await get(principals.AUDITOR, '/audit/access-log', { caseId: fx.caseId }).expect(200)).body.items)).toContain(fx.caseId);
    expect(ids((await get(principals.AUDITOR, '/audit/events', { caseId: fx.caseId }).expect(200)).body.items)).toContain(fx.caseId);
    // Banyuwangi's do not.
    expect(ids((await get(elsewhere.CASE_WORKER, '/cases', { limit: 100 }).expect(200)).body.items)).not.toContain(fx.caseId);
    expect(ids((await get(elsewhere.SUPERVISOR, '/tasks', { limit: 100 }).expect(200)).body.items)).not.toContain(fx.caseId);
    expect(ids((await get(elsewhere.AGENCY_SYSTEM, '/tasks', { limit: 100 }).expect(200)).body.items)).not.toContain(fx.caseId);
    expect(ids((await get(elsewhere.AGENCY_OFFICER, '/tasks', { limit: 100 }).expect(200)).body.items)).not.toContain(fx.caseId);
    expect((await get(elsewhere.AUDITOR, '/audit/access-log', { caseId: fx.caseId }).expect(200)).body.total).toBe(0);
    expect((await get(elsewhere.AUDITOR, '/audit/events', { caseId: fx.caseId }).expect(200)).body.total).toBe(0);
    expect((await get(elsewhere.SUPERVISOR, '/agencies/DINKES/queue').expect(200)).body.queues.map((q: { regionCode: string }) => q.regionCode)).toEqual(['3510']);
    // Asking for another region by name is refused rather than answered empty.
    for (const [c, path, query] of [
      [elsewhere.CASE_WORKER, '/cases', { regionCode: '35.14' }],
      [elsewhere.AUDITOR, '/audit/events', { region: '3514' }],
      [elsewhere.AUDITOR, '/audit/events/export', { region: '3514', format: 'json' }],
    ] as [Credential, string, object][]) {
      const res = await get(c, path, query);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'OUT_OF_SCOPE']);
    }
  });

  it('refuses creating anything in another region with 403 OUT_OF_SCOPE (nothing exists yet to hide)', async () => {
    for (const [role, route] of [
      ['CASE_WORKER', 'POST /cases'],
      ['SUPERVISOR', 'POST /razia'],
      ['ADMIN', 'POST /users'],
      ['ADMIN', 'POST /agencies'],
    ] as [Role, string][]) {
      const res = await call(route, elsewhere[role], '3514');
      expect([route, res.status, (res.body as { code?: string }).code]).toEqual([route, 403, 'OUT_OF_SCOPE']);
    }
  });

  it("answers another agency's task and agency of the same region as absent, and lists only the officer's own agency", async () => {
    for (const route of ['GET /agencies/{id}', 'POST /tasks/{id}/claim', 'POST /tasks/{id}/complete', 'POST /tasks/{id}/reject']) {
      const res = await call(route, otherAgencyOfficer);
      expect([route, res.status, (res.body as { code: string }).code]).toEqual([route, 404, kindOf(route)?.[2]]);
    }
    const list = await call('GET /agencies', otherAgencyOfficer);
    expect((list.body as { code: string }[]).map((a) => a.code)).toEqual(['DINSOS']);
  });
});
