import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Pool } from 'pg';
import request from 'supertest';
import type { Role } from '../../workflows/contracts/actor';
import type { AppConfig } from '../../src/config/app-config';
import { createAgency, createUser, signedIn, TEST_PASSWORD } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

/**
 * Who may call what, written out by hand (not derived from the permission table, so that a change to
 * the table shows up here). Every route in the OpenAPI spec must appear, so adding a route without
 * deciding its access fails this test; a route whose decorator is missing is refused by the guard
 * and fails the "allowed" expectations below.
 */
const ALL: Role[] = ['CASE_WORKER', 'SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'ADMIN', 'AGENCY_SYSTEM'];
const EXPECTED: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'POST /auth/refresh': 'public',
  'POST /auth/logout': 'public',
  'POST /auth/setup-password': 'public',
  'GET /auth/me': ALL,
  'POST /auth/password': ['CASE_WORKER', 'SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'ADMIN'],
  'POST /cases': ['CASE_WORKER', 'SUPERVISOR'],
  'GET /cases': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
  'GET /cases/{id}': ['CASE_WORKER', 'SUPERVISOR', 'AUDITOR'],
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
  'GET /tasks': ['SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'AGENCY_SYSTEM'],
  'POST /tasks/{id}/claim': ['AGENCY_OFFICER', 'AGENCY_SYSTEM'],
  'POST /tasks/{id}/complete': ['AGENCY_OFFICER', 'AGENCY_SYSTEM'],
  'POST /tasks/{id}/reject': ['AGENCY_OFFICER', 'AGENCY_SYSTEM'],
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
  'GET /agencies/{id}/credentials': ['ADMIN'],
  'GET /agencies/{code}/queue': ['SUPERVISOR'],
  'POST /agencies/{id}/credentials': ['ADMIN'],
  'DELETE /agencies/{id}/credentials/{keyId}': ['ADMIN'],
  'GET /cases/{id}/history': ['AUDITOR'],
  'GET /cases/{id}/history/verify': ['AUDITOR'],
  'GET /cases/{id}/history/export': ['AUDITOR'],
  'GET /cases/{id}/state': ['AUDITOR'],
  'GET /audit/events': ['AUDITOR'],
  'GET /audit/events/export': ['AUDITOR'],
  'GET /audit/access-log': ['AUDITOR'],
  'GET /audit/security-events': ['AUDITOR'],
};
/** Roles that pass a route's permission but whose command the stage machine reserves for others. */
const REFUSED_BY_STAGE_MACHINE: Record<string, Role[]> = {
  'POST /cases/{id}/extend-shelter-stay': ['CASE_WORKER'],
  'POST /cases/{id}/close': ['CASE_WORKER'],
};
/** The only routes that answer without any credential (besides /docs, which is not an API route). */
const OPEN_WITHOUT_CREDENTIAL = ['GET /health', 'POST /auth/login', 'POST /auth/setup-password'];

type Credential = { bearer: string } | { apiKey: string } | { none: true };

describe('authorization matrix: every route × every role, token state, region and agency', () => {
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let db: Pool;
  let routes: string[];
  let spec: { paths: Record<string, Record<string, { security?: unknown[]; 'x-permission'?: { permission: string } }>> };
  const principals = {} as Record<Role, Credential>;
  const other = {} as Record<'caseWorker' | 'auditor' | 'admin' | 'supervisor' | 'otherAgencyOfficer', Credential>;
  // managedUserId: the account the /users/{id} routes act on (reset, confirm), not a principal's.
  const fx = { caseId: '', userId: '', managedUserId: '', agencyId: '', spareKeyIds: [] as string[], caseWorker: '' };
  let counter = 0;

  const app = () => api.getHttpServer();

  /** Fills a route with fixtures and a body that succeeds for an allowed caller. */
  async function call(route: string, credential: Credential, region = '3514'): Promise<request.Response> {
    const [method, template] = route.split(' ') as [string, string];
    const keyId = fx.spareKeyIds[counter % fx.spareKeyIds.length] as string;
    const path = template
      .replace('{id}', template.startsWith('/cases') ? fx.caseId : template.startsWith('/users') ? fx.managedUserId : fx.agencyId)
      .replace('{keyId}', keyId)
      .replace('{code}', 'DINKES');
    const n = ++counter;
    const bodies: Record<string, () => Promise<object> | object> = {
      'POST /auth/login': () => ({ username: fx.caseWorker, password: TEST_PASSWORD }),
      // These two take their credential (a refresh token) in the body: "no credential" sends none.
      'POST /auth/refresh': async () => ('none' in credential ? {} : { refreshToken: await freshRefreshToken() }),
      'POST /auth/logout': async () => ('none' in credential ? {} : { refreshToken: await freshRefreshToken() }),
      'POST /cases': () => ({ channel: 'RAZIA', regionCode: region, person: { name: 'Matrix', sex: 'P', approximateAge: 40 } }),
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
      'POST /cases/{id}/acknowledge-repatriation': () => ({ receivingOfficer: 'x', receivingRegionCode: '3514' }),
      'POST /cases/{id}/record-monitoring-visit': () => ({ outcome: 'STABLE' }),
      'POST /cases/{id}/close': () => ({ reason: 'ABSCONDED', note: 'left' }),
      'POST /tasks/{id}/complete': () => ({ outcome: { result: 'FIT' } }),
      'PATCH /agencies/{id}': () => ({ name: `DINKES 3514 (${n})` }),
      'POST /tasks/{id}/reject': () => ({ reason: 'not ours' }),
      'POST /tasks/{id}/reassign': () => ({ assigneeUserId: fx.userId }),
    };
    const queries: Record<string, object> = {
      'GET /cases/{id}/state': { at: new Date().toISOString() },
      'GET /audit/events': { region },
      'GET /audit/events/export': { region, format: 'csv' },
    };
    let req = request(app())[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](path).query(queries[route] ?? {});
    if ('bearer' in credential) req = req.auth(credential.bearer, { type: 'bearer' });
    if ('apiKey' in credential) req = req.set('X-Api-Key', credential.apiKey);
    const body = bodies[route];
    return body ? req.send(await body()) : req;
  }

  /** The one-time code of a new ADMIN account (an admin receives those at creation). */
  async function freshSetupCode(): Promise<string> {
    const admin = principals.ADMIN as { bearer: string };
    const res = await request(app()).post('/users').auth(admin.bearer, { type: 'bearer' }).send({ username: `matrix-setup-${++counter}-${Date.now()}`, displayName: 'M', role: 'ADMIN', regionCode: '3514' }).expect(201);
    return (res.body as { setupCode: string }).setupCode;
  }

  async function freshRefreshToken(): Promise<string> {
    const res = await request(app()).post('/auth/login').send({ username: fx.caseWorker, password: TEST_PASSWORD }).expect(200);
    return (res.body as { refreshToken: string }).refreshToken;
  }

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    worker = await startWorker(config);
    api = await startApi(config);
    const dinkes = await createAgency(db, 'DINKES', '3514');
    const dinsos = await createAgency(db, 'DINSOS', '3514');
    fx.agencyId = dinkes;
    const cw = await signedIn(app(), db, 'CASE_WORKER', '3514');
    fx.caseWorker = cw.username;
    fx.userId = cw.id;
    fx.managedUserId = (await createUser(db, 'CASE_WORKER', '3514')).id;
    const admin = await signedIn(app(), db, 'ADMIN', '3514');
    principals.CASE_WORKER = { bearer: cw.token };
    principals.SUPERVISOR = { bearer: (await signedIn(app(), db, 'SUPERVISOR', '3514')).token };
    principals.AGENCY_OFFICER = { bearer: (await signedIn(app(), db, 'AGENCY_OFFICER', '3514', dinkes)).token };
    principals.AUDITOR = { bearer: (await signedIn(app(), db, 'AUDITOR', '3514')).token };
    principals.ADMIN = { bearer: admin.token };
    const key = await request(app()).post(`/agencies/${dinkes}/credentials`).auth(admin.token, { type: 'bearer' }).send({ label: 'matrix system' }).expect(201);
    principals.AGENCY_SYSTEM = { apiKey: (key.body as { apiKey: string }).apiKey };
    for (let i = 0; i < 3; i++) {
      const spare = await request(app()).post(`/agencies/${dinkes}/credentials`).auth(admin.token, { type: 'bearer' }).send({ label: `spare ${i}` }).expect(201);
      fx.spareKeyIds.push((spare.body as { keyId: string }).keyId);
    }
    other.caseWorker = { bearer: (await signedIn(app(), db, 'CASE_WORKER', '3510')).token };
    other.auditor = { bearer: (await signedIn(app(), db, 'AUDITOR', '3510')).token };
    other.admin = { bearer: (await signedIn(app(), db, 'ADMIN', '3510')).token };
    other.supervisor = { bearer: (await signedIn(app(), db, 'SUPERVISOR', '3510')).token };
    other.otherAgencyOfficer = { bearer: (await signedIn(app(), db, 'AGENCY_OFFICER', '3514', dinsos)).token };
    const opened = await call('POST /cases', principals.CASE_WORKER);
    expect(opened.status).toBe(201);
    fx.caseId = (opened.body as { id: string }).id;
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

  // "Allowed" means the request passes authorization: 2xx, or a domain answer such as 409 for a
  // command the case's stage does not allow — never 401 or 403.
  it('answers every role as the matrix says: allowed → not 401/403, otherwise 403 PERMISSION_DENIED', async () => {
    const seen: string[] = [];
    for (const route of routes) {
      const expected = EXPECTED[route];
      for (const role of ALL) {
        const res = await call(route, principals[role]);
        const allowed = expected === 'public' || (expected ?? []).includes(role);
        seen.push(`${route} ${role} ${res.status}`);
        if (allowed) expect([route, role, [401, 403].includes(res.status) || res.status >= 500 ? res.status : 'ok']).toEqual([route, role, 'ok']);
        else {
          const code = REFUSED_BY_STAGE_MACHINE[route]?.includes(role) ? 'ROLE_NOT_ALLOWED' : 'PERMISSION_DENIED';
          expect([route, role, res.status, (res.body as { code?: string }).code]).toEqual([route, role, 403, code]);
        }
      }
    }
    expect(seen.length).toBe(routes.length * ALL.length);
  });

  it('refuses the auditor every write route (403 PERMISSION_DENIED): auditors change nothing (but their own password)', async () => {
    const writes = routes.filter((r) => !r.startsWith('GET ') && EXPECTED[r] !== 'public' && r !== 'POST /auth/password');
    expect(writes.length).toBeGreaterThanOrEqual(23); // 12 case commands, 4 task actions, users, agencies, credentials
    for (const route of writes) {
      const res = await call(route, principals.AUDITOR);
      expect([route, res.status, (res.body as { code?: string }).code]).toEqual([route, 403, 'PERMISSION_DENIED']);
    }
  });

  it('answers 401 without a credential, with an expired token and with a tampered token', async () => {
    const cw = principals.CASE_WORKER as { bearer: string };
    const claims = JSON.parse(Buffer.from(cw.bearer.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    const { iat: _iat, exp: _exp, iss: _iss, aud: _aud, ...payload } = claims;
    const expired = new JwtService({ secret: config.auth.jwtSecret }).sign(payload, { expiresIn: -60, issuer: 'sinergi', audience: 'sinergi-api' });
    const [h, , s] = cw.bearer.split('.') as [string, string, string];
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url')}.${s}`;
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

  it('refuses resources of another region with 403 OUT_OF_SCOPE, and users of another region with 404', async () => {
    const cases: [keyof typeof other, string, string | undefined][] = [
      ['caseWorker', 'GET /cases/{id}', undefined],
      ['caseWorker', 'POST /cases', '3514'],
      ['caseWorker', 'GET /agencies/{id}', undefined],
      ['auditor', 'GET /cases/{id}', undefined],
      ['admin', 'POST /users', '3514'],
      ['admin', 'POST /agencies', '3514'],
      ['admin', 'GET /agencies/{id}/credentials', undefined],
      ['admin', 'POST /agencies/{id}/credentials', undefined],
      ['admin', 'DELETE /agencies/{id}/credentials/{keyId}', undefined],
      ['admin', 'PATCH /agencies/{id}', undefined],
      ['auditor', 'GET /cases/{id}/history', undefined],
      ['auditor', 'GET /cases/{id}/history/verify', undefined],
      ['auditor', 'GET /cases/{id}/history/export', undefined],
      ['auditor', 'GET /cases/{id}/state', undefined],
      ['auditor', 'GET /audit/events', '3514'],
      ['auditor', 'GET /audit/events/export', '3514'],
    ];
    for (const [who, route, region] of cases) {
      const res = await call(route, other[who], region);
      expect([who, route, res.status, (res.body as { code?: string }).code]).toEqual([who, route, 403, 'OUT_OF_SCOPE']);
    }
    // A user outside the scope looks like no user at all (and the attempt goes to the security log).
    const users: [keyof typeof other, string][] = [
      ['auditor', 'GET /users/{id}'],
      ['admin', 'GET /users/{id}'],
      ['admin', 'PATCH /users/{id}'],
      ['admin', 'POST /users/{id}/reset-password'],
      ['supervisor', 'POST /users/{id}/confirm'],
    ];
    for (const [who, route] of users) {
      const res = await call(route, other[who]);
      expect([who, route, res.status, (res.body as { code?: string }).code]).toEqual([who, route, 404, 'USER_NOT_FOUND']);
    }
    const filtered = await request(app()).get('/cases').query({ regionCode: '35.14' }).auth((other.caseWorker as { bearer: string }).bearer, { type: 'bearer' });
    expect([filtered.status, (filtered.body as { code: string }).code]).toEqual([403, 'OUT_OF_SCOPE']);
    const own = await request(app()).get('/cases').auth((other.caseWorker as { bearer: string }).bearer, { type: 'bearer' }).expect(200);
    expect((own.body as { items: { regionCode: string }[] }).items.every((c) => c.regionCode === '3510')).toBe(true);
  });

  it("refuses another agency's resources with 403 OTHER_AGENCY, and lists only the officer's own agency", async () => {
    const res = await call('GET /agencies/{id}', other.otherAgencyOfficer);
    expect([res.status, (res.body as { code: string }).code]).toEqual([403, 'OTHER_AGENCY']);
    const list = await call('GET /agencies', other.otherAgencyOfficer);
    expect((list.body as { code: string }[]).map((a) => a.code)).toEqual(['DINSOS']);
  });
});
