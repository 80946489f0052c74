import { gzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import request from 'supertest';
import type { AppConfig } from '../../src/config/app-config';
import { createAgency, signedIn } from '../helpers/identity';
import { startApi, startWorker, testPool } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

const nested = (depth: number): string => `{"username":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)},"password":"x"}`;

/**
 * Bad input at the HTTP edge, sent without any credential (outside testing found each of these
 * answered 500): every answer is a 4xx problem with a `code` and the request id, and nothing changes.
 */
describe('bad HTTP input never answers 500', () => {
  let api: INestApplication;
  let db: Pool;
  let config: AppConfig;
  const http = () => request(api.getHttpServer());
  // Sent as given: superagent would otherwise serialise a Buffer under a JSON content type as JSON.
  const json = (path: string, body: string | Buffer, type = 'application/json') =>
    http()
      .post(path)
      .set('content-type', type)
      .serialize((raw: string) => raw)
      .send(body);

  /** A problem answer with this status and code, whose body carries the X-Request-Id it was sent with. */
  function expectProblem(res: request.Response, status: number, code: string): void {
    expect([res.status, (res.body as { code?: string }).code]).toEqual([status, code]);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body as { requestId?: string }).requestId).toEqual(expect.any(String));
    expect((res.body as { requestId?: string }).requestId).toBe(res.headers['x-request-id']);
  }

  beforeAll(async () => {
    config = testConfig();
    db = testPool(config);
    api = await startApi(config);
  });

  afterAll(async () => {
    await api?.close();
    await db?.end();
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE, echoing the caller’s request id', async () => {
    const body = JSON.stringify({ username: 'x'.repeat(200_000), password: 'x' });
    const res = await json('/auth/login', body).set('X-Request-Id', 'too-large-1');
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body.requestId).toBe('too-large-1');
    // The limit holds after decompression too.
    expectProblem(await json('/auth/login', gzipSync(body)).set('content-encoding', 'gzip'), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported charset, Content-Encoding or media type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectProblem(await json('/auth/login', '{}', 'application/json; charset=latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await json('/auth/login', '{}', 'application/json; charset=utf-99'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await json('/auth/login', '{}').set('content-encoding', 'x-klingon'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await json('/auth/login', 'username=a&password=b', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await json('/cases', '{}', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers malformed JSON and unreadable bodies with 400 MALFORMED_REQUEST, never quoting the body', async () => {
    const malformed = await json('/auth/login', '{"username":Budi Santoso}');
    expectProblem(malformed, 400, 'MALFORMED_REQUEST');
    expect(JSON.stringify(malformed.body)).not.toContain('Budi');
    expectProblem(await json('/auth/login', Buffer.from('not gzip at all')).set('content-encoding', 'gzip'), 400, 'MALFORMED_REQUEST');
    expectProblem(await json('/cases', '"just a string"'), 400, 'MALFORMED_REQUEST');
  });

  it('refuses JSON nested deeper than 32 levels before validation, on every route', async () => {
    expectProblem(await json('/auth/login', nested(1500)), 400, 'MALFORMED_REQUEST');
    expectProblem(await json('/cases', nested(1500)), 400, 'MALFORMED_REQUEST');
    expectProblem(await json('/auth/refresh', nested(33)), 400, 'MALFORMED_REQUEST');
    // 32 levels reach validation, which refuses the array where a string belongs.
    const atBound = await json('/auth/login', nested(32));
    expectProblem(atBound, 400, 'VALIDATION_FAILED');
    expect(atBound.body.errors.map((e: { field: string }) => e.field)).toEqual(['username']);
  });

  it('refuses the NUL character, which PostgreSQL text cannot hold, in a body or a path', async () => {
    const login = await json('/auth/login', '{"username":"a\\u0000b","password":"x"}');
    expectProblem(login, 400, 'VALIDATION_FAILED');
    expect(login.body.errors).toEqual([{ field: 'username', messages: ['must not contain the NUL character (U+0000)'] }]);
    expectProblem(await json('/auth/login', '{"a\\u0000":1}'), 400, 'VALIDATION_FAILED');
    const path = await http().delete('/agencies/00000000-0000-4000-8000-000000000000/credentials/ak-%00');
    expectProblem(path, 400, 'MALFORMED_REQUEST');
    expectProblem(await http().post('/agencies/00000000-0000-4000-8000-000000000000/credentials/ak-%00/confirm'), 400, 'MALFORMED_REQUEST');
  });

  it('answers a bad percent-encoding in the path with 400 and the request id', async () => {
    expectProblem(await http().get('/cases/%FF'), 400, 'MALFORMED_REQUEST');
  });

  it('does not read bodies of GET and DELETE requests', async () => {
    const res = await http().get('/auth/me').set('content-type', 'application/json').send('{"broken":');
    expectProblem(res, 401, 'UNAUTHENTICATED');
  });

  it('PATCH /agencies/:id with nothing to change is 400 VALIDATION_FAILED and changes nothing', async () => {
    const agencyId = await createAgency(db, 'DISDIK', '3514');
    const admin = await signedIn(api.getHttpServer(), db, 'ADMIN', '3514');
    const patch = (body: object) => http().patch(`/agencies/${agencyId}`).auth(admin.token, { type: 'bearer' }).send(body);
    const before = (await db.query('SELECT name, webhook_url, webhook_secret FROM agency WHERE id = $1', [agencyId])).rows[0];
    expectProblem(await patch({}), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ webhookSecret: 's'.repeat(16) }), 400, 'VALIDATION_FAILED');
    // Found by fuzzing: null passed @IsOptional and reached the NOT NULL column, or stored no secret.
    expectProblem(await patch({ name: null }), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ webhookUrl: 'https://0.com', webhookSecret: null }), 400, 'VALIDATION_FAILED');
    expect((await db.query('SELECT name, webhook_url, webhook_secret FROM agency WHERE id = $1', [agencyId])).rows[0]).toEqual(before);
    expect((await patch({ name: 'Dinas Pendidikan Kab. Pasuruan' }).expect(200)).body.name).toBe('Dinas Pendidikan Kab. Pasuruan');
  });

  it('answers a null or malformed refresh token with 401, like a missing one (found by fuzzing)', async () => {
    const malformed = `${'-'.repeat(36)}.${'a'.repeat(16)}`;
    expectProblem(await http().post('/auth/refresh').send({ refreshToken: null }), 401, 'UNAUTHENTICATED');
    expectProblem(await http().post('/auth/refresh').send({ refreshToken: malformed }), 401, 'UNAUTHENTICATED');
    expectProblem(await http().post('/auth/logout').send({ refreshToken: null }), 401, 'UNAUTHENTICATED');
    await http().post('/auth/logout').send({ refreshToken: malformed }).expect(204); // unknown tokens are ignored
  });

  it('refuses a null guardianConsent with 400 before it reaches the workflow (found by fuzzing)', async () => {
    const worker = await startWorker(config);
    try {
      const { token } = await signedIn(api.getHttpServer(), db, 'CASE_WORKER', '3514');
      const opened = await http().post('/cases').auth(token, { type: 'bearer' }).send({ channel: 'RAZIA', regionCode: '35.14', person: { name: 'Fuzz', sex: 'L', approximateAge: 30 } });
      expect(opened.status).toBe(201);
      const assessment = { ppksCategories: ['PPKS-11'], decision: 'SHELTER', shelterType: 'ADULT', guardianConsent: null };
      const res = await http().post(`/cases/${opened.body.id}/record-assessment`).auth(token, { type: 'bearer' }).send(assessment);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((await http().get(`/cases/${opened.body.id}`).auth(token, { type: 'bearer' }).expect(200)).body.version).toBe(opened.body.version);
    } finally {
      await worker.close();
    }
  });

  it('refuses an offset PostgreSQL cannot take with 400', async () => {
    const supervisor = await signedIn(api.getHttpServer(), db, 'SUPERVISOR', '3514');
    for (const path of ['/cases', '/tasks']) {
      const res = await http().get(path).query({ offset: '100000000000000000000' }).auth(supervisor.token, { type: 'bearer' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
    }
  });
});
